// Suggests what may fulfil a committee's request or a deferred answer, for staff to confirm or
// reject (the suggestion and the decision are both kept on the request_links row):
// - a later government letter (Brief regering, or a nader answer) on the same Zaak: the
//   strongest sign, suggested as it is;
// - a later Brief regering in the same dossier, about the same thing (the request's distinctive
//   words in its subject);
// - for a briefing, a later Technische briefing of the same committee about the same thing.
// Staff requests have their own suggester (server/requests/suggest-links.ts), which also weighs
// the topic. A link that exists in any state (rejected included) is never suggested again.
import { sql } from 'drizzle-orm';
import { type Db, resultRows } from '../db/client.ts';
import { TIME_ZONE } from '../calendar.ts';
import { distinctiveTerms, sharedTerms } from '../requests/suggest-links.ts';

const TZ = sql.raw(`'${TIME_ZONE}'`);
const OPEN = sql`('open', 'due_soon', 'overdue')`;

interface CandidateRow {
  request_id: number;
  kind: 'document' | 'activiteit';
  target: string;
  title: string | null;
  date: string | null;
  why: 'zaak' | 'dossier' | 'committee';
  subject: string;
  description: string;
  text: string;
}

export interface FulfilmentSuggestion {
  requestId: number;
  kind: 'document' | 'activiteit';
  target: string;
  title: string;
  date: string | null;
  reason: { why: CandidateRow['why']; sharedTerms: string[] };
}

async function candidates(db: Db): Promise<CandidateRow[]> {
  const open = sql`r.source in ('besluit', 'answer') and r.source_removed_at is null and r.status in ${OPEN}
    and not exists (select 1 from request_links c where c.request_id = r.id and c.state = 'confirmed')`;
  const fresh = (kind: string, target: string) => sql.raw(`not exists (select 1 from request_links x where x.request_id = r.id and x.kind = '${kind}' and x.target = ${target})`);
  return resultRows<CandidateRow>(
    await db.execute(sql`
      select r.id as request_id, 'document' as kind, d.id::text as target, coalesce(d.onderwerp, d.titel, d.document_nummer) as title,
        (d.datum at time zone ${TZ})::date::text as date, 'zaak' as why, r.subject, r.description, concat_ws(' ', d.onderwerp, d.titel) as text
      from requests r
      join document_zaken dz on dz.zaak_id = r.zaak_id
      join documents d on d.id = dz.document_id
      where ${open} and r.kind in ('letter', 'deferral')
        and d.soort in ('Brief regering', 'Antwoord schriftelijke vragen (nader)')
        and (d.datum at time zone ${TZ})::date >= r.requested_on and ${fresh('document', 'd.id::text')}
      union all
      select r.id, 'document', d.id::text, coalesce(d.onderwerp, d.titel, d.document_nummer), (d.datum at time zone ${TZ})::date::text,
        'dossier', r.subject, r.description, concat_ws(' ', d.onderwerp, d.titel)
      from requests r
      join zaken z on z.id = r.zaak_id
      join documents d on d.kamerstukdossier_id = z.kamerstukdossier_id
      where ${open} and r.kind in ('letter', 'deferral') and z.kamerstukdossier_id is not null
        and d.soort = 'Brief regering' and (d.datum at time zone ${TZ})::date >= r.requested_on
        and not exists (select 1 from document_zaken dz where dz.document_id = d.id and dz.zaak_id = r.zaak_id)
        and ${fresh('document', 'd.id::text')}
      union all
      select r.id, 'activiteit', a.id::text, concat_ws(': ', a.soort, a.onderwerp), (a.datum at time zone ${TZ})::date::text,
        'committee', r.subject, r.description, a.onderwerp
      from requests r
      join activiteiten a on a.soort = 'Technische briefing' and lower(a.voortouwafkorting) = lower(r.committee)
      where ${open} and r.kind = 'briefing' and a.datum is not null and coalesce(a.status, '') <> 'Geannuleerd'
        and (a.datum at time zone ${TZ})::date >= r.requested_on and ${fresh('activiteit', 'a.id::text')}`),
  );
}

/** Makes the suggestions; returns the new ones (none on a re-run). */
export async function suggestFulfilments(db: Db, now: Date): Promise<FulfilmentSuggestion[]> {
  const found: FulfilmentSuggestion[] = [];
  for (const c of await candidates(db)) {
    const distinctive = distinctiveTerms(`${c.subject} ${c.description}`);
    const shared = sharedTerms(distinctive, [c.text]);
    // The same Zaak is enough; a dossier or a committee has many letters and briefings.
    if (c.why !== 'zaak' && (distinctive.length === 0 || shared.length < Math.min(2, distinctive.length))) continue;
    found.push({ requestId: Number(c.request_id), kind: c.kind, target: c.target, title: c.title ?? c.target, date: c.date, reason: { why: c.why, sharedTerms: shared } });
  }
  if (found.length === 0) return [];
  const inserted = resultRows<{ request_id: number; kind: string; target: string }>(
    await db.execute(sql`
      insert into request_links (request_id, kind, target, title, date, state, origin, reason, created_at, updated_at)
      select x.request_id, x.kind, x.target, x.title, x.date, 'suggested', 'suggestion', x.reason, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(found.map((f) => ({ request_id: f.requestId, kind: f.kind, target: f.target, title: f.title, date: f.date, reason: f.reason })))}::json)
        as x(request_id int, kind text, target text, title text, date date, reason jsonb)
      on conflict (request_id, kind, target) do nothing
      returning request_id, kind, target`),
  );
  const made = new Set(inserted.map((r) => `${r.request_id}|${r.kind}|${r.target}`));
  return found.filter((f) => made.has(`${f.requestId}|${f.kind}|${f.target}`));
}
