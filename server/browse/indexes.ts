// The index pages' data: every party with its current and former seats, every ministry with
// the ministers it was recently asked through, and members by name. For browsing without a
// question to start from (/fracties, /ministeries, /personen).
import { sql } from 'drizzle-orm';
import { type Db, resultRows } from '../db/client.ts';
import { MINISTRIES, ministryByCode } from '../questions/ministries.ts';

export interface PartyEntry {
  afkorting: string;
  name: string | null;
  /** Seats held by someone on `today`. */
  currentSeats: number;
  /** People who held a seat for it before `today` and hold none now. */
  formerMembers: number;
  questionSets: number;
}

/** Parties from the feed and parties questions were asked under; current ones first, by seats. */
export async function partyIndex(db: Db, today: string): Promise<PartyEntry[]> {
  const result = await db.execute(sql`
    with seats as (
      select f.afkorting, max(f.naam_nl) as name,
        count(distinct z.id) filter (where zp.van <= ${today}::date and (zp.tot_en_met is null or zp.tot_en_met >= ${today}::date))::int as current_seats,
        count(distinct zp.persoon_id) filter (where zp.tot_en_met < ${today}::date)::int as left_people,
        array_agg(distinct zp.persoon_id) filter (where zp.van <= ${today}::date and (zp.tot_en_met is null or zp.tot_en_met >= ${today}::date)) as current_people
      from fracties f
      left join fractie_zetels z on z.fractie_id = f.id
      left join fractie_zetel_personen zp on zp.fractie_zetel_id = z.id
      where f.afkorting is not null and f.afkorting <> ''
      group by f.afkorting
    ), asked as (
      select party as afkorting, count(distinct zaak_id)::int as sets from question_askers where party is not null group by party
    )
    select coalesce(s.afkorting, a.afkorting) as afkorting, s.name,
      coalesce(s.current_seats, 0) as current_seats,
      coalesce((select count(distinct zp.persoon_id)::int from fracties f
                join fractie_zetels z on z.fractie_id = f.id
                join fractie_zetel_personen zp on zp.fractie_zetel_id = z.id
               where f.afkorting = s.afkorting and zp.tot_en_met < ${today}::date
                 and not (zp.persoon_id = any(coalesce(s.current_people, '{}')))), 0) as former_members,
      coalesce(a.sets, 0) as sets
    from seats s full join asked a on a.afkorting = s.afkorting
    order by (coalesce(s.current_seats, 0) > 0) desc, coalesce(s.current_seats, 0) desc, lower(coalesce(s.afkorting, a.afkorting))`);
  return resultRows<{ afkorting: string; name: string | null; current_seats: number; former_members: number; sets: number }>(result).map((r) => ({
    afkorting: r.afkorting,
    name: r.name,
    currentSeats: Number(r.current_seats),
    formerMembers: Number(r.former_members),
    questionSets: Number(r.sets),
  }));
}

/** The canonical spelling of a party abbreviation given in any case (`vvd` → `VVD`), or null. */
export async function canonicalParty(db: Db, given: string): Promise<string | null> {
  const result = await db.execute(sql`
    select afkorting from (
      select afkorting from fracties where lower(afkorting) = lower(${given})
      union all
      select party from question_askers where lower(party) = lower(${given})
    ) k order by (afkorting = ${given}) desc, afkorting limit 1`);
  return resultRows<{ afkorting: string }>(result)[0]?.afkorting ?? null;
}

export interface MinistryEntry {
  code: string;
  name: string;
  questionSets: number;
  waiting: number;
  overdue: number;
  /** Ministers and state secretaries addressed in the ministry's latest sets (newest first). */
  recentMinisters: { name: string; post: string | null }[];
}

// A minister counts as current when addressed within this many days of the ministry's latest set:
// the feed has no cabinet membership, so "who answers for it now" is read from recent addressees.
const RECENT_DAYS = 60;

export async function ministryIndex(db: Db): Promise<MinistryEntry[]> {
  const [figures, people] = await Promise.all([
    db.execute(sql`
      select a.ministry, count(distinct a.zaak_id)::int as sets,
        count(distinct a.zaak_id) filter (where qs.status in ('open', 'due_soon', 'delayed', 'overdue'))::int as waiting,
        count(distinct a.zaak_id) filter (where qs.status = 'overdue')::int as overdue
      from question_addressees a join question_status qs on qs.zaak_id = a.zaak_id
      where a.ministry is not null group by a.ministry`),
    db.execute(sql`
      with addressed as (
        select a.ministry, a.name, a.post, max(qs.submitted_on) as last_on
        from question_addressees a join question_status qs on qs.zaak_id = a.zaak_id
        where a.ministry is not null and a.name is not null and qs.submitted_on is not null
        group by a.ministry, a.name, a.post
      )
      select ministry, name, post from addressed x
      where last_on >= (select max(last_on) from addressed y where y.ministry = x.ministry) - ${RECENT_DAYS}::int
      order by ministry, last_on desc, name`),
  ]);
  const byMinistry = new Map<string, { name: string; post: string | null }[]>();
  for (const p of resultRows<{ ministry: string; name: string; post: string | null }>(people)) {
    byMinistry.set(p.ministry, [...(byMinistry.get(p.ministry) ?? []), { name: p.name, post: p.post }]);
  }
  return resultRows<{ ministry: string; sets: number; waiting: number; overdue: number }>(figures)
    .map((r) => ({
      code: r.ministry,
      name: ministryByCode(r.ministry)?.name ?? r.ministry,
      questionSets: Number(r.sets),
      waiting: Number(r.waiting),
      overdue: Number(r.overdue),
      recentMinisters: byMinistry.get(r.ministry) ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

export interface PersonEntry {
  id: string;
  name: string;
  /** The party of the seat held on `today`, if any. */
  currentParty: string | null;
  questionSets: number;
}

const PERSON_LIMIT = 200;

/**
 * Members who hold a seat on `today` or asked a tracked question, by surname; `search` matches
 * any part of the name, case-insensitively. At most PERSON_LIMIT, plus whether there were more.
 */
export async function personIndex(db: Db, today: string, search: string | null): Promise<{ people: PersonEntry[]; more: boolean }> {
  const pattern = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const result = await db.execute(sql`
    with seated as (
      select zp.persoon_id, max(f.afkorting) as party
      from fractie_zetel_personen zp
      join fractie_zetels z on z.id = zp.fractie_zetel_id
      join fracties f on f.id = z.fractie_id
      where zp.van <= ${today}::date and (zp.tot_en_met is null or zp.tot_en_met >= ${today}::date)
      group by zp.persoon_id
    ), asked as (
      select persoon_id, count(distinct zaak_id)::int as sets from question_askers where persoon_id is not null group by persoon_id
    )
    select p.id, concat_ws(' ', coalesce(p.roepnaam, p.initialen), p.tussenvoegsel, p.achternaam) as name, s.party, coalesce(a.sets, 0) as sets
    from personen p
    left join seated s on s.persoon_id = p.id
    left join asked a on a.persoon_id = p.id
    where (s.persoon_id is not null or a.persoon_id is not null)
      ${pattern ? sql`and concat_ws(' ', p.roepnaam, p.initialen, p.voornamen, p.tussenvoegsel, p.achternaam) ilike ${pattern}` : sql``}
    order by lower(p.achternaam), lower(coalesce(p.roepnaam, p.initialen, '')), p.id
    limit ${PERSON_LIMIT + 1}`);
  const rows = resultRows<{ id: string; name: string; party: string | null; sets: number }>(result);
  return {
    people: rows.slice(0, PERSON_LIMIT).map((r) => ({ id: r.id, name: r.name, currentParty: r.party, questionSets: Number(r.sets) })),
    more: rows.length > PERSON_LIMIT,
  };
}

/** A ministry code given in any case (`vws` → `VWS`), or null. */
export function canonicalMinistry(given: string): string | null {
  return ministryByCode(given)?.code ?? MINISTRIES.find((m) => m.code.toLowerCase() === given.toLowerCase())?.code ?? null;
}
