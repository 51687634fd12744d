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
  // Aggregated as text and parsed here: both drivers return text as it is.
  const texts = searched
    ? sql`,
        (select coalesce(json_agg(json_build_array(qt.number, qt.text, qt.answer_text) order by qt.position), '[]')::text
           from question_texts qt where qt.zaak_id = z.id) as texts,
        (select ts.delay_reason from question_text_sets ts where ts.zaak_id = z.id) as delay_reason`
    : sql``;
  const rows = resultRows<Row>(
    await db.execute(sql`
      select z.id::text as id, z.nummer, z.titel, z.onderwerp,
        (select coalesce(json_agg(json_build_object('name', coalesce(a.name, ''), 'party', a.party, 'role', a.role) order by a.role, a.name), '[]')::text
           from question_askers a where a.zaak_id = z.id) as askers,
        (select coalesce(json_agg(d.ministry), '[]')::text from question_addressees d where d.zaak_id = z.id) as ministries${texts}
      from zaken z where z.id = any(${pgArray(zaakIds)}::uuid[])`),
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
