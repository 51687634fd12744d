// Promises from the feed and from the answers' texts, into the ledger:
// - every Toezegging is a commitment (`toezegging`), re-derived when its row changes;
// - a Besluit whose text asks the government for a letter, a reaction or a briefing
//   (decision-detector.ts) is a request (`besluit`); decisions are read once, in feed order
//   (their entry stamp, feed_updated_at, which the sync always sets), from where the last run
//   stopped (promise_derivation_marks);
// - an answer that defers (question_texts.deferred, written by the texts job) is a promise owed
//   by the minister the questions were addressed to (`answer`).
// Each batch is one transaction with its `made` events and their alert deliveries. A source row
// deleted upstream (or a decision that no longer reads as a request) keeps its promise, marked
// removed, so its history and permalink survive. Bad input is stored as it is: no deadline, a
// deadline in words without a day, a fulfilling letter not (yet) in the mirror, a minister
// whose name matches nobody; nothing here fails on it.
import { sql } from 'drizzle-orm';
import { fanOutPromiseEvents } from '../alerts/promise-fanout.ts';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { amsterdamDate, TIME_ZONE } from '../calendar.ts';
import { readDeadline } from './deadline-text.ts';
import { detectRequest } from './decision-detector.ts';
import { type MinisterText, owedBy, resolvePersons } from './owed-by.ts';
import { type PromiseRow, slugify, storePromises, subjectOf } from './store.ts';

export interface DeriveOptions {
  /** Rows per transaction. */
  chunk?: number;
  cutoffDays?: number;
}

export interface DeriveResult {
  toezeggingen: number;
  besluiten: { read: number; requests: number };
  deferrals: number;
  created: number;
  removed: number;
  deliveries: number;
}

const TZ = sql.raw(`'${TIME_ZONE}'`);
/** The source version: microseconds since the epoch, independent of the session's time zone. */
const version = (col: string) => sql.raw(`(extract(epoch from ${col}) * 1000000)::bigint::text`);

interface ToezeggingRow extends MinisterText {
  id: string;
  version: string;
  nummer: string | null;
  tekst: string | null;
  status: string | null;
  kamerbrief_nakoming: string | null;
  activiteit_id: string | null;
  activiteit_nummer: string | null;
  datum_nakoming: string | null;
  made_on: string;
  committee: string | null;
  persoon_id: string | null;
  persoon_naam: string | null;
  persoon_partij: string | null;
  fractie: string | null;
}

/**
 * The Toezeggingen new to the ledger, changed since they were derived, or back after a deletion.
 * One anti-join over all of them (a hash join: the register is tens of thousands of rows), so an
 * hourly run with nothing new costs one scan, not a lookup per commitment.
 */
async function changedToezeggingen(db: Db | Tx): Promise<string[]> {
  return resultRows<{ id: string }>(
    await db.execute(sql`
      select t.id::text as id from toezeggingen t
      left join requests r on r.source = 'toezegging' and r.source_id = t.id::text
      where r.id is null or r.source_version is distinct from ${version('t.bijgewerkt')} or r.source_removed_at is not null`),
  ).map((r) => r.id);
}

async function toezeggingDetails(tx: Db | Tx, ids: string[]): Promise<ToezeggingRow[]> {
  return resultRows<ToezeggingRow>(
    await tx.execute(sql`
      select t.id::text as id, ${version('t.bijgewerkt')} as version, t.nummer, t.tekst, t.status, t.naam, t.achternaam, t.initialen,
        t.tussenvoegsel, t.voornaam, t.functie, t.ministerie, t.kamerbrief_nakoming, t.activiteit_id::text as activiteit_id,
        t.activiteit_nummer, (t.datum_nakoming at time zone ${TZ})::date::text as datum_nakoming, m.made_on::text as made_on,
        a.voortouwafkorting as committee, p.id::text as persoon_id,
        nullif(concat_ws(' ', coalesce(p.roepnaam, p.initialen), p.tussenvoegsel, p.achternaam), '') as persoon_naam,
        pp.afkorting as persoon_partij, f.afkorting as fractie
      from toezeggingen t
      left join activiteiten a on a.id = t.activiteit_id
      cross join lateral (select coalesce((a.datum at time zone ${TZ})::date, (t.aanmaakdatum at time zone ${TZ})::date,
        (t.bijgewerkt at time zone ${TZ})::date) as made_on) m
      left join personen p on p.id = t.toegezegd_aan_persoon_id
      left join lateral (
        select f2.afkorting from fractie_zetel_personen fzp
        join fractie_zetels fz on fz.id = fzp.fractie_zetel_id
        join fracties f2 on f2.id = fz.fractie_id
        where fzp.persoon_id = p.id and (fzp.van is null or fzp.van <= m.made_on) and (fzp.tot_en_met is null or fzp.tot_en_met >= m.made_on)
        order by fzp.van desc nulls last limit 1) pp on true
      left join fracties f on f.id = t.toegezegd_aan_fractie_id
      where t.id = any(${pgArray(ids)}::uuid[])`),
  );
}

/** The document numbers in a `kamerbriefNakoming` ("2024D12345", sometimes several). */
function fulfilmentNumbers(raw: string | null): string | null {
  if (!raw?.trim()) return null;
  const numbers = raw.match(/\b\d{4}D\d{5}\b/giu);
  return numbers ? [...new Set(numbers.map((n) => n.toUpperCase()))].join(' ') : raw.trim();
}

async function toezeggingRows(tx: Db | Tx, rows: ToezeggingRow[]): Promise<PromiseRow[]> {
  const persons = await resolvePersons(tx, rows);
  return rows.map((t, i) => {
    const who = owedBy(t);
    const text = t.tekst?.trim() ?? '';
    const reading = readDeadline(text, t.made_on);
    const due = t.datum_nakoming
      ? { dueOn: t.datum_nakoming, dueText: reading?.text ?? null, dueSource: 'feed' as const }
      : reading
        ? { dueOn: reading.date, dueText: reading.text, dueSource: reading.date ? ('text' as const) : null }
        : { dueOn: null, dueText: null, dueSource: null };
    return {
      source: 'toezegging',
      sourceId: t.id,
      sourceVersion: t.version,
      slug: `toezegging-${slugify(t.nummer ?? '') || t.id.slice(0, 8)}`,
      kind: 'commitment',
      number: t.nummer,
      requestedOn: t.made_on,
      committee: t.committee,
      subject: text ? subjectOf(text) : `Toezegging ${t.nummer ?? ''}`.trim(),
      description: text,
      sourceText: '',
      ministerName: who.name,
      ministerFunction: t.functie,
      ministerPost: who.post,
      ministerPersoonId: persons[i] ?? null,
      ...due,
      registerStatus: t.status,
      fulfilmentNumber: fulfilmentNumbers(t.kamerbrief_nakoming),
      zaakId: null,
      activiteitId: t.activiteit_id,
      details: { ministerie: t.ministerie, activiteitNummer: t.activiteit_nummer, kamerbriefNakoming: t.kamerbrief_nakoming },
      persons: t.persoon_id ? [{ name: t.persoon_naam ?? 'onbekend', party: t.persoon_partij, persoonId: t.persoon_id }] : [],
      parties: t.fractie ? [t.fractie] : [],
      addressees: who.ministries,
    };
  });
}

interface BesluitRow {
  id: string;
  version: string;
  feed_updated_at: string;
  besluit_tekst: string | null;
  status: string | null;
  agendapunt: string | null;
  made_on: string;
  activiteit_id: string | null;
  committee: string | null;
  zaak_id: string | null;
  zaak_nummer: string | null;
  zaak_onderwerp: string | null;
  has_promise: boolean;
}

/** Words one of which every request the detector can find contains: the decisions worth reading. */
const MAY_ASK = sql.raw(`'brief|reactie|appreciatie|informeren|informatie|beantwoord|toelichting|update|overzicht|stand van zaken|notitie|schriftelijk|in te gaan|reageren|uitleg'`);

async function nextBesluiten(tx: Db | Tx, after: { at: string | null; id: string | null }, upper: { at: string; id: string }, limit: number): Promise<BesluitRow[]> {
  const from = after.at ? sql`(b.feed_updated_at, b.id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql`true`;
  return resultRows<BesluitRow>(
    await tx.execute(sql`
      select b.id::text as id, ${version('b.bijgewerkt')} as version, b.feed_updated_at::text as feed_updated_at,
        b.besluit_tekst, b.status, ap.onderwerp as agendapunt, a.id::text as activiteit_id, a.voortouwafkorting as committee,
        (coalesce(a.datum, ap.aanvangstijd, b.bijgewerkt) at time zone ${TZ})::date::text as made_on,
        z.id::text as zaak_id, z.nummer as zaak_nummer, z.onderwerp as zaak_onderwerp,
        exists (select 1 from requests r where r.source = 'besluit' and r.source_id = b.id::text) as has_promise
      from besluiten b
      left join agendapunten ap on ap.id = b.agendapunt_id
      left join activiteiten a on a.id = ap.activiteit_id
      left join lateral (select z.* from besluit_zaken bz join zaken z on z.id = bz.zaak_id where bz.besluit_id = b.id order by z.nummer limit 1) z on true
      where ${from} and (b.feed_updated_at, b.id) <= (${upper.at}::timestamptz, ${upper.id}::uuid)
        and (b.besluit_tekst ~* ${MAY_ASK}
          or exists (select 1 from requests r where r.source = 'besluit' and r.source_id = b.id::text))
      order by b.feed_updated_at, b.id
      limit ${limit}`),
  );
}

function besluitRow(b: BesluitRow): PromiseRow | null {
  // Proposals are not decisions yet; they are read again when they become one (a new version).
  if (b.status && b.status !== 'Besluit') return null;
  const found = detectRequest(b.besluit_tekst, b.made_on);
  if (!found) return null;
  const subject = b.agendapunt?.trim() ? subjectOf(b.agendapunt) : subjectOf(found.sentence);
  return {
    source: 'besluit',
    sourceId: b.id,
    sourceVersion: b.version,
    slug: `besluit-${b.made_on}-${slugify(subject) || b.id.slice(0, 8)}`.slice(0, 80).replace(/-$/, ''),
    kind: found.kind,
    number: null,
    requestedOn: b.made_on,
    committee: b.committee,
    subject,
    description: found.sentence,
    sourceText: b.besluit_tekst ?? '',
    ministerName: null,
    ministerFunction: found.addressee,
    ministerPost: found.addressee ? (/staatssecretaris/iu.test(found.addressee) ? 'staatssecretaris' : 'minister') : null,
    ministerPersoonId: null,
    dueOn: found.due?.date ?? null,
    dueText: found.due?.text ?? null,
    dueSource: found.due?.date ? 'text' : null,
    registerStatus: null,
    fulfilmentNumber: null,
    zaakId: b.zaak_id,
    activiteitId: b.activiteit_id,
    details: { agendapunt: b.agendapunt, zaakNummer: b.zaak_nummer, zaakOnderwerp: b.zaak_onderwerp },
    persons: [],
    parties: [],
    addressees: found.ministries,
  };
}

interface DeferralRow {
  source_id: string;
  version: string;
  zaak_id: string;
  numbers: string[] | string;
  deferral_text: string | null;
  questions: string;
  answer_text: string | null;
  made_on: string | null;
  nummer: string | null;
  onderwerp: string | null;
  minister_name: string | null;
  minister_function: string | null;
  minister_post: string | null;
  minister_persoon_id: string | null;
  ministries: string[] | string | null;
}

const pgList = (v: string[] | string | null): string[] =>
  v == null ? [] : Array.isArray(v) ? v : v.replace(/^\{|\}$/g, '').split(',').filter(Boolean).map((x) => x.replace(/^"|"$/g, ''));

/** The deferred answers of a set, grouped by the deferring sentence (one promise per sentence). */
const DEFERRAL_GROUPS = sql`
  select qt.zaak_id, qt.deferral_text,
    qt.zaak_id::text || ':' || (array_agg(qt.number order by qt.position))[1] as source_id,
    array_agg(qt.number order by qt.position) as numbers,
    string_agg(qt.text, E'\n\n' order by qt.position) as questions,
    (array_agg(qt.answer_text order by qt.position))[1] as answer_text,
    (array_agg(qt.answer_document_id order by qt.position) filter (where qt.answer_document_id is not null))[1] as answer_document_id
  from question_texts qt where qt.deferred
  group by qt.zaak_id, qt.deferral_text`;

/** The deferral groups new to the ledger or whose texts changed (their set's texts were read again). */
async function changedDeferrals(db: Db | Tx): Promise<string[]> {
  return resultRows<{ source_id: string }>(
    await db.execute(sql`
      with g as (${DEFERRAL_GROUPS})
      select g.source_id from g
      join question_text_sets s on s.zaak_id = g.zaak_id
      left join requests r on r.source = 'answer' and r.source_id = g.source_id
      where r.id is null or r.source_version is distinct from ${version('s.updated_at')} or r.source_removed_at is not null`),
  ).map((r) => r.source_id);
}

async function deferralDetails(tx: Db | Tx, sourceIds: string[]): Promise<DeferralRow[]> {
  const zaakIds = [...new Set(sourceIds.map((id) => id.slice(0, 36)))];
  return resultRows<DeferralRow>(
    await tx.execute(sql`
      with g as (${DEFERRAL_GROUPS} having qt.zaak_id = any(${pgArray(zaakIds)}::uuid[]))
      select g.source_id, ${version('s.updated_at')} as version, g.zaak_id::text as zaak_id, g.numbers, g.deferral_text, g.questions, g.answer_text,
        coalesce((d.datum at time zone ${TZ})::date, qs.answered_on)::text as made_on, z.nummer, coalesce(z.onderwerp, z.titel) as onderwerp,
        ad.name as minister_name, ad.functie as minister_function, ad.post as minister_post, ad.persoon_id::text as minister_persoon_id,
        (select array_agg(distinct qa.ministry) from question_addressees qa where qa.zaak_id = g.zaak_id and qa.ministry is not null) as ministries
      from g
      join question_text_sets s on s.zaak_id = g.zaak_id
      left join zaken z on z.id = g.zaak_id
      left join documents d on d.id = g.answer_document_id
      left join question_status qs on qs.zaak_id = g.zaak_id
      left join lateral (select * from question_addressees qa where qa.zaak_id = g.zaak_id order by qa.ministry nulls last, qa.name limit 1) ad on true
      where g.source_id = any(${pgArray(sourceIds)}::text[])`),
  );
}

function deferralRow(d: DeferralRow, today: string): PromiseRow {
  const numbers = pgList(d.numbers);
  const madeOn = d.made_on ?? today;
  const sentence = d.deferral_text?.trim() || d.answer_text?.trim() || '';
  const reading = readDeadline(sentence, madeOn);
  const which = numbers.length === 1 ? `vraag ${numbers[0]}` : `vragen ${numbers.slice(0, -1).join(', ')} en ${numbers.at(-1)}`;
  return {
    source: 'answer',
    sourceId: d.source_id,
    sourceVersion: d.version,
    slug: `uitgesteld-${slugify(d.nummer ?? d.zaak_id.slice(0, 8))}-vraag-${slugify(numbers[0] ?? '1')}`,
    kind: 'deferral',
    number: null,
    requestedOn: madeOn,
    committee: null,
    subject: `Uitgesteld antwoord op ${which} van ${d.nummer ?? 'schriftelijke vragen'}${d.onderwerp ? `: ${subjectOf(d.onderwerp, 120)}` : ''}`,
    description: sentence,
    sourceText: d.questions,
    ministerName: d.minister_name,
    ministerFunction: d.minister_function,
    ministerPost: d.minister_post,
    ministerPersoonId: d.minister_persoon_id,
    dueOn: reading?.date ?? null,
    dueText: reading?.text ?? null,
    dueSource: reading?.date ? 'text' : null,
    registerStatus: null,
    fulfilmentNumber: null,
    zaakId: d.zaak_id,
    activiteitId: null,
    details: { zaakNummer: d.nummer, questionNumbers: numbers },
    persons: [],
    parties: [],
    addressees: pgList(d.ministries),
  };
}

/** Register links: the letter a Toezegging names as its fulfilment, once that document is mirrored. */
async function linkRegisterLetters(tx: Db | Tx, now: Date): Promise<void> {
  const split = sql`regexp_split_to_array(r.fulfilment_number, '\\s+')`;
  // A link the register no longer names goes (the register corrected its number).
  await tx.execute(sql`
    delete from request_links l using requests r
    where l.request_id = r.id and l.origin = 'register'
      and not exists (select 1 from documents d where d.id::text = l.target and d.document_nummer = any(${split}))`);
  await tx.execute(sql`
    insert into request_links (request_id, kind, target, title, date, state, origin, created_at, updated_at)
    select r.id, 'document', d.id::text, coalesce(d.onderwerp, d.titel, d.document_nummer), (d.datum at time zone ${TZ})::date,
      'confirmed', 'register', ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
    from requests r join documents d on d.document_nummer = any(${split})
    where r.fulfilment_number is not null
    on conflict (request_id, kind, target) do update set state = 'confirmed', origin = 'register', updated_at = excluded.updated_at
      where request_links.origin is distinct from 'register'`);
}

/**
 * Promises whose source row is gone upstream are marked removed (kept for their history). Anti-
 * joins per source (hash joins over the whole ledger, rather than one lookup per promise).
 */
async function markRemoved(tx: Db | Tx, now: Date): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = resultRows<{ id: number }>(
    await tx.execute(sql`
      with gone as (
        select r.id from requests r left join toezeggingen t on t.id::text = r.source_id
        where r.source = 'toezegging' and r.source_removed_at is null and t.id is null
        union all
        select r.id from requests r left join besluiten b on b.id::text = r.source_id
        where r.source = 'besluit' and r.source_removed_at is null and b.id is null
        union all
        -- <zaak id>:<number of the first deferred question>
        select r.id from requests r left join question_texts qt on qt.deferred and qt.zaak_id::text || ':' || qt.number = r.source_id
        where r.source = 'answer' and r.source_removed_at is null and qt.zaak_id is null
      )
      update requests r set source_removed_at = ${at}, updated_at = ${at} from gone where r.id = gone.id
      returning r.id`),
  );
  return rows.length;
}

async function besluitMark(tx: Db | Tx): Promise<{ at: string | null; id: string | null }> {
  const [row] = resultRows<{ at: string | null; id: string | null }>(
    // Locked: a second derivation (the post-sync step and the hourly job on two instances) waits
    // for this chunk instead of reading it again and moving the mark back.
    await tx.execute(sql`select feed_updated_at::text as at, last_id::text as id from promise_derivation_marks where source = 'besluit' for update`),
  );
  return row ?? { at: null, id: null };
}

async function setBesluitMark(tx: Db | Tx, at: string, id: string): Promise<void> {
  await tx.execute(sql`
    insert into promise_derivation_marks (source, feed_updated_at, last_id) values ('besluit', ${at}::timestamptz, ${id}::uuid)
    on conflict (source) do update set feed_updated_at = excluded.feed_updated_at, last_id = excluded.last_id`);
}

/** Reads what changed in the three sources into the ledger; see the file comment. */
export async function derivePromises(db: Db, now: Date, options: DeriveOptions = {}): Promise<DeriveResult> {
  const chunk = options.chunk ?? 500;
  const result: DeriveResult = { toezeggingen: 0, besluiten: { read: 0, requests: 0 }, deferrals: 0, created: 0, removed: 0, deliveries: 0 };
  const store = async (tx: Tx, rows: PromiseRow[]) => {
    const stored = await storePromises(tx, now, rows);
    result.created += stored.created.length;
    result.deliveries += (await fanOutPromiseEvents(tx, now, { eventIds: stored.eventIds, cutoffDays: options.cutoffDays })).deliveries;
  };

  const toezeggingIds = await changedToezeggingen(db);
  for (let i = 0; i < toezeggingIds.length; i += chunk) {
    await db.transaction(async (tx) => store(tx, await toezeggingRows(tx, await toezeggingDetails(tx, toezeggingIds.slice(i, i + chunk)))));
  }
  result.toezeggingen = toezeggingIds.length;

  const [top] = resultRows<{ at: string; id: string }>(
    await db.execute(sql`select feed_updated_at::text as at, id::text as id from besluiten where feed_updated_at is not null order by feed_updated_at desc, id desc limit 1`),
  );
  if (top) {
    for (;;) {
      const n = await db.transaction(async (tx) => {
        const mark = await besluitMark(tx);
        const rows = await nextBesluiten(tx, mark, top, chunk);
        const found = rows.map(besluitRow);
        const requests = found.filter((r): r is PromiseRow => r !== null);
        // Read before but no longer a request (its text or status changed): kept, marked removed.
        const gone = rows.filter((b, i) => b.has_promise && found[i] === null).map((b) => b.id);
        if (gone.length > 0) {
          await tx.execute(sql`update requests set source_removed_at = ${now.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
            where source = 'besluit' and source_id = any(${pgArray(gone)}::text[]) and source_removed_at is null`);
        }
        await store(tx, requests);
        const last = rows.length === chunk ? rows.at(-1)! : null;
        await setBesluitMark(tx, last ? last.feed_updated_at : top.at, last ? last.id : top.id);
        result.besluiten.requests += requests.length;
        result.removed += gone.length;
        return rows.length;
      });
      result.besluiten.read += n;
      if (n < chunk) break;
    }
  }

  const today = amsterdamDate(now);
  const deferralIds = await changedDeferrals(db);
  for (let i = 0; i < deferralIds.length; i += chunk) {
    await db.transaction(async (tx) => store(tx, (await deferralDetails(tx, deferralIds.slice(i, i + chunk))).map((d) => deferralRow(d, today))));
  }
  result.deferrals = deferralIds.length;

  await db.transaction(async (tx) => {
    await linkRegisterLetters(tx, now);
    result.removed += await markRemoved(tx, now);
  });
  return result;
}
