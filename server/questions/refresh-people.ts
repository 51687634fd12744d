// Materializes who asked each question set (with the party at the submission date) and to whom
// it was addressed (post and ministry code), set-based, for the sets just evaluated or given. The
// submission date is computed as the evaluation stores it, so the derivation can write the askers
// before a new set's status row (server/derivation/pending-sets.ts).
// Statistics per party, member, ministry and minister read these tables.
import { type SQL, sql } from 'drizzle-orm';
import { type Db, resultRows, type Tx, pgArray } from '../db/client.ts';
import { addresseeFunctions } from '../db/schema/index.ts';
import { QUESTION_ZAAK_SOORT } from './documents.ts';
import { firstQuestionAtSql, rowCount, submittedOnSql } from './evaluate-sql.ts';
import { parseAddresseeFunction } from './ministries.ts';

export interface PeopleScope {
  /** The sets evaluated at this moment (status_as_of). */
  evaluatedAt?: Date;
  zaakIds?: string[];
}

function scope(s: PeopleScope): SQL {
  if (s.zaakIds) {
    if (s.zaakIds.length === 0) return sql`false`;
    // One array parameter, however many sets (the first run refreshes all of them).
    return sql`zaak_id = any(${pgArray(s.zaakIds)}::uuid[])`;
  }
  if (s.evaluatedAt) return sql`zaak_id in (select zaak_id from question_status where status_as_of = ${s.evaluatedAt.toISOString()}::timestamptz)`;
  return sql`zaak_id in (select zaak_id from question_status)`;
}

/**
 * Parses function texts not seen before (few distinct values) with the TS mapping, of the
 * addressees of the sets in `where` (all sets when omitted). A bulk derivation learns them all
 * first, in a statement of its own (server/derivation/pending-sets.ts): two transactions that
 * insert the same new text wait for each other until one commits.
 */
export async function learnAddresseeFunctions(db: Db | Tx, where?: SQL): Promise<void> {
  const rows = await db.execute<{ functie: string }>(sql`
    select distinct a.functie from zaak_actors a
    where a.relatie = 'Gericht aan' and a.functie is not null ${where ? sql`and a.${where}` : sql``}
      and not exists (select 1 from addressee_functions f where f.functie = a.functie)
    order by a.functie`);
  const list = resultRows<{ functie: string }>(rows);
  if (list.length === 0) return;
  const values = list.map(({ functie }) => {
    const parsed = parseAddresseeFunction(functie);
    return { functie, post: parsed.post, ministry: parsed.ministry };
  });
  for (let i = 0; i < values.length; i += 500) {
    await db
      .insert(addresseeFunctions)
      .values(values.slice(i, i + 500))
      .onConflictDoUpdate({ target: addresseeFunctions.functie, set: { post: sql`excluded.post`, ministry: sql`excluded.ministry` } });
  }
}

export async function refreshQuestionPeople(db: Db | Tx, s: PeopleScope): Promise<{ askers: number; addressees: number }> {
  const where = scope(s);
  await learnAddresseeFunctions(db, where);
  // Inside a caller's transaction this is a savepoint (drizzle nests transactions that way).
  return db.transaction(async (tx) => {
    await tx.execute(sql`delete from question_addressees where ${where}`);
    const addressees = await tx.execute(sql`
      insert into question_addressees (zaak_id, actor_id, persoon_id, name, functie, post, ministry)
      select a.zaak_id, a.id, a.persoon_id, a.actor_naam, a.functie, f.post, f.ministry
      from zaak_actors a left join addressee_functions f on f.functie = a.functie
      where a.relatie = 'Gericht aan' and a.zaak_id is not null and a.${where}`);
    await tx.execute(sql`delete from question_askers where ${where}`);
    const askers = await tx.execute(sql`
      insert into question_askers (zaak_id, actor_id, persoon_id, name, role, party, fractie_id, party_source)
      select a.zaak_id, a.id, a.persoon_id, a.actor_naam, a.relatie,
        case when c.id is not null then c.party else p.afkorting end,
        case when c.id is not null then c.fractie_id else p.fractie_id end,
        case when c.id is not null then 'correction' when p.fractie_id is not null then 'periods' end
      from zaak_actors a
      join zaken z on z.id = a.zaak_id and z.soort = ${QUESTION_ZAAK_SOORT}
      cross join lateral (select ${submittedOnSql(sql`z.gestart_op`, firstQuestionAtSql(sql`z.id`))} as submitted_on) qs
      left join lateral (
        select pc.id, pc.party, pc.fractie_id from party_corrections pc
        where pc.persoon_id = a.persoon_id and pc.van <= qs.submitted_on and (pc.tot_en_met is null or pc.tot_en_met >= qs.submitted_on)
        order by pc.van desc limit 1) c on true
      left join lateral (
        select f.id as fractie_id, f.afkorting from fractie_zetel_personen fzp
        join fractie_zetels fz on fz.id = fzp.fractie_zetel_id
        left join fracties f on f.id = fz.fractie_id
        where fzp.persoon_id = a.persoon_id and (fzp.van is null or fzp.van <= qs.submitted_on)
          and (fzp.tot_en_met is null or fzp.tot_en_met >= qs.submitted_on)
        order by fzp.van desc nulls last limit 1) p on true
      where a.relatie in ('Indiener', 'Medeindiener') and a.${where}`);
    return { askers: rowCount(askers), addressees: rowCount(addressees) };
  });
}
