// What a list page shows of its sets beyond their status rows: number, title, askers, ministries
// and, with a word search, the passage that matched. One query for the page: each query costs the
// server a write and a read on its connection (system calls that are a quarter of its CPU under
// load, test/bench/search.ts), and the four tables are read by the same 25 ids.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows } from '../db/client.ts';
import { makeSnippet, type Snippet, type SnippetSource } from '../search/snippet.ts';

export interface PageDetails {
  nummer: string;
  /** For written questions the onderwerp is the real subject; titel is often a dossier title. */
  title: string;
  askers: { name: string; party: string | null; role: string }[];
  ministries: string[];
  /** With a search: the passage that matched, words marked; null for a hit by number or without a search. */
  snippet: Snippet | null;
}

interface Row {
  id: string;
  nummer: string;
  titel: string | null;
  onderwerp: string | null;
  /** JSON: [{ name, party, role }], in the list's order (role, then name). */
  askers: string;
  /** JSON: the addressees' ministries (null where unknown). */
  ministries: string;
  /** JSON, with a search: [number, question, answer] in the order of the text. */
  texts?: string;
  delay_reason?: string | null;
}

export async function pageDetails(db: Db, zaakIds: readonly string[], lexemes: readonly string[]): Promise<Map<string, PageDetails>> {
  const out = new Map<string, PageDetails>();
  if (zaakIds.length === 0) return out;
  const searched = lexemes.length > 0;
  const ids = sql`any(${pgArray(zaakIds)}::uuid[])`;
  // Each table read once for the whole page and grouped (a subquery per set would be planned and
  // started 25 times), aggregated as text and parsed here: both drivers return text as it is.
  const textColumns = searched ? sql`, t.texts, ts.delay_reason` : sql``;
  const textJoins = searched
    ? sql`
        left join (select zaak_id, json_agg(json_build_array(number, text, answer_text) order by position)::text as texts
                     from question_texts where zaak_id = ${ids} group by zaak_id) t on t.zaak_id = z.id
        left join question_text_sets ts on ts.zaak_id = z.id`
    : sql``;
  const rows = resultRows<Row>(
    await db.execute(sql`
      select z.id::text as id, z.nummer, z.titel, z.onderwerp, coalesce(a.askers, '[]') as askers, coalesce(m.ministries, '[]') as ministries${textColumns}
      from zaken z
      left join (select zaak_id, json_agg(json_build_object('name', coalesce(name, ''), 'party', party, 'role', role) order by role, name)::text as askers
                   from question_askers where zaak_id = ${ids} group by zaak_id) a on a.zaak_id = z.id
      left join (select zaak_id, json_agg(ministry)::text as ministries
                   from question_addressees where zaak_id = ${ids} group by zaak_id) m on m.zaak_id = z.id${textJoins}
      where z.id = ${ids}`),
  );
  for (const r of rows) {
    out.set(r.id, {
      nummer: r.nummer,
      title: r.onderwerp ?? r.titel ?? '',
      askers: JSON.parse(r.askers) as PageDetails['askers'],
      ministries: [...new Set((JSON.parse(r.ministries) as (string | null)[]).filter((m): m is string => !!m))],
      snippet: searched ? makeSnippet(snippetSources(r), lexemes) : null,
    });
  }
  return out;
}

/** Where a snippet may come from, in the order it is looked for: each question then its answer, the delay notice, the title. */
function snippetSources(r: Row): SnippetSource[] {
  const sources: SnippetSource[] = [];
  for (const [number, question, answer] of JSON.parse(r.texts ?? '[]') as [string | null, string | null, string | null][]) {
    sources.push({ text: question, source: 'question', questionNumber: number });
    if (answer !== null) sources.push({ text: answer, source: 'answer', questionNumber: number });
  }
  if (r.delay_reason) sources.push({ text: r.delay_reason, source: 'delay', questionNumber: null });
  const title = [r.onderwerp, r.titel !== r.onderwerp ? r.titel : null].filter((t) => t).join(' — ');
  sources.push({ text: title || null, source: 'title', questionNumber: null });
  return sources;
}
