// Snippets for one page of search hits: reads the texts of just those sets and marks the words.
import { sql } from 'drizzle-orm';
import { type Db, pgArray, resultRows } from '../db/client.ts';
import { makeSnippet, type Snippet, type SnippetSource } from './snippet.ts';

interface Row {
  zaak_id: string;
  kind: 'title' | 'question' | 'answer' | 'delay';
  number: string | null;
  text: string | null;
  position: number;
}

export async function loadSnippets(db: Db, zaakIds: readonly string[], lexemes: readonly string[]): Promise<Map<string, Snippet>> {
  const out = new Map<string, Snippet>();
  if (zaakIds.length === 0 || lexemes.length === 0) return out;
  const ids = pgArray(zaakIds);
  const rows = resultRows<Row>(
    await db.execute(sql`
      select qt.zaak_id::text as zaak_id, 'question' as kind, qt.number, qt.text, qt.position * 2 as position
        from question_texts qt where qt.zaak_id = any(${ids}::uuid[])
      union all
      select qt.zaak_id::text, 'answer', qt.number, qt.answer_text, qt.position * 2 + 1
        from question_texts qt where qt.zaak_id = any(${ids}::uuid[]) and qt.answer_text is not null
      union all
      select ts.zaak_id::text, 'delay', null, ts.delay_reason, 1000000
        from question_text_sets ts where ts.zaak_id = any(${ids}::uuid[]) and ts.delay_reason is not null
      union all
      select z.id::text, 'title', null, concat_ws(' — ', z.onderwerp, nullif(z.titel, z.onderwerp)), 2000000
        from zaken z where z.id = any(${ids}::uuid[])`),
  );
  const byZaak = new Map<string, SnippetSource[]>();
  for (const r of rows.sort((a, b) => Number(a.position) - Number(b.position))) {
    let list = byZaak.get(r.zaak_id);
    if (!list) byZaak.set(r.zaak_id, (list = []));
    list.push({ text: r.text, source: r.kind, questionNumber: r.number });
  }
  for (const [id, sources] of byZaak) {
    const snippet = makeSnippet(sources, lexemes);
    if (snippet) out.set(id, snippet);
  }
  return out;
}
