// Staff actions on one question set: correct an asker's party (writes party_corrections for the
// submission date, the table the party-at-time logic reads, then refreshes the set's askers) and
// mark it answered by a government letter (with the alert fan-out of what that records).
import { and, eq } from 'drizzle-orm';
import type { Clock } from '../clock.ts';
import type { Db, Tx } from '../db/client.ts';
import { fracties, partyCorrections, questionAskers, questionLetterAnswers, questionStatus, zaken } from '../db/schema/index.ts';
import { markAnsweredByLetter } from '../derivation/letter-answer.ts';
import type { AlertOptions } from '../derivation/hourly.ts';
import { refreshQuestionPeople } from '../questions/refresh-people.ts';
import { type Actor, recordAudit } from './audit.ts';

export async function findSet(db: Db, nummer: string) {
  const [z] = await db
    .select({ zaakId: zaken.id, nummer: zaken.nummer, submittedOn: questionStatus.submittedOn })
    .from(zaken)
    .leftJoin(questionStatus, eq(questionStatus.zaakId, zaken.id))
    .where(eq(zaken.nummer, nummer));
  return z;
}

export async function askersOf(db: Db, zaakId: string) {
  return db.select().from(questionAskers).where(eq(questionAskers.zaakId, zaakId));
}

export async function letterAnswerOf(db: Db | Tx, zaakId: string) {
  const [row] = await db.select().from(questionLetterAnswers).where(eq(questionLetterAnswers.zaakId, zaakId));
  return row;
}

export type CorrectionResult = { ok: true } | { ok: false; field: 'party' | 'reason' | 'asker'; message: string };

export async function correctParty(db: Db, actor: Actor, now: Date, nummer: string, actorId: string, party: string, reason: string): Promise<CorrectionResult> {
  const set = await findSet(db, nummer);
  if (!set?.submittedOn) return { ok: false, field: 'asker', message: 'Deze vragen hebben (nog) geen indieningsdatum.' };
  const [asker] = await db.select().from(questionAskers).where(and(eq(questionAskers.zaakId, set.zaakId), eq(questionAskers.actorId, actorId)));
  if (!asker?.persoonId) return { ok: false, field: 'asker', message: 'Kies een vragensteller die als persoon bekend is.' };
  if (!reason.trim()) return { ok: false, field: 'reason', message: 'Geef een reden voor de correctie.' };
  const partyName = party.trim() || null;
  const [fractie] = partyName ? await db.select({ id: fracties.id }).from(fracties).where(eq(fracties.afkorting, partyName)) : [];
  if (partyName && !fractie) return { ok: false, field: 'party', message: `Geen fractie met de afkorting ${partyName}.` };
  const day = set.submittedOn;
  const [existing] = await db.select().from(partyCorrections).where(and(eq(partyCorrections.persoonId, asker.persoonId), eq(partyCorrections.van, day)));
  const row = { persoonId: asker.persoonId, van: day, totEnMet: day, party: partyName, fractieId: fractie?.id ?? null, reason: reason.trim(), source: `staf: ${actor.email}` };
  await db.transaction(async (tx) => {
    await tx
      .insert(partyCorrections)
      .values(row)
      .onConflictDoUpdate({ target: [partyCorrections.persoonId, partyCorrections.van], set: row });
    await recordAudit(tx, actor, now, {
      action: 'party_correction.set',
      entity: 'question_asker',
      entityId: `${nummer}/${actorId}`,
      before: { party: asker.party, partySource: asker.partySource, correction: existing ?? null },
      after: { party: partyName, partySource: 'correction', correction: row },
    });
  });
  await refreshQuestionPeople(db, { zaakIds: [set.zaakId] });
  return { ok: true };
}

/**
 * The letter mark, the events it records, their alert deliveries and the audit entry commit
 * together: a matching subscriber's delivery exists as soon as the staff member sees the result.
 */
export async function markByLetter(
  db: Db,
  clock: Clock,
  actor: Actor,
  nummer: string,
  answeredOn: string,
  documentId: string | null,
  note: string,
  options: AlertOptions = {},
) {
  const set = await findSet(db, nummer);
  if (!set) throw new Error(`No question set ${nummer}`);
  const now = clock.now();
  await db.transaction(async (tx) => {
    const before = await letterAnswerOf(tx, set.zaakId);
    const [status] = await tx.select({ status: questionStatus.status }).from(questionStatus).where(eq(questionStatus.zaakId, set.zaakId));
    // Noon in Amsterdam on the letter's date: the date is what counts.
    await markAnsweredByLetter(tx, now, { zaakId: set.zaakId, answeredAt: new Date(`${answeredOn}T12:00:00+01:00`), documentId, note, markedBy: actor.email }, options);
    const [after] = await tx.select({ status: questionStatus.status }).from(questionStatus).where(eq(questionStatus.zaakId, set.zaakId));
    await recordAudit(tx, actor, now, {
      action: 'question.answered_by_letter',
      entity: 'question',
      entityId: nummer,
      before: { letter: before ?? null, status: status?.status ?? null },
      after: { letter: await letterAnswerOf(tx, set.zaakId), status: after?.status ?? null },
    });
  });
}
