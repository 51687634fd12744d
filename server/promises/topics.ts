// The topic lens over promises: the same matcher as for question sets (server/topics/matcher.ts),
// over what was promised or asked (subject, full text, source text). Matches are kept with the
// terms that matched; what was read is remembered per topic version and promise version, so a
// run reads only new or changed promises, or all of them after a topic was edited.
import { sql, type SQL } from 'drizzle-orm';
import { type Db, pgArray, resultRows, type Tx } from '../db/client.ts';
import { topics } from '../db/schema/index.ts';
import { type CompiledTopic, compileTopic, matchText } from '../topics/matcher.ts';

const BATCH = 2000;

interface TextRow {
  id: number;
  subject: string;
  description: string;
  source_text: string;
}

async function matchBatch(tx: Db | Tx, now: Date, topic: { id: number; version: number }, compiled: CompiledTopic, rows: TextRow[]): Promise<number> {
  const matches = rows
    .map((r) => ({ request_id: Number(r.id), m: matchText(compiled, [r.subject, r.description, r.source_text]) }))
    .filter((h) => h.m.matched)
    .map((h) => ({ request_id: h.request_id, terms: h.m.terms }));
  const ids = pgArray(rows.map((r) => Number(r.id)));
  await tx.execute(sql`delete from request_topic_matches where topic_id = ${topic.id} and request_id = any(${ids}::int[])`);
  if (matches.length > 0) {
    await tx.execute(sql`
      insert into request_topic_matches (topic_id, request_id, matched_terms, topic_version, matched_at)
      select ${topic.id}, x.request_id, x.terms, ${topic.version}, ${now.toISOString()}::timestamptz
      from json_to_recordset(${JSON.stringify(matches)}::json) as x(request_id int, terms jsonb)`);
  }
  await tx.execute(sql`
    insert into request_topic_checks (topic_id, request_id, topic_version, request_updated_at)
    select ${topic.id}, r.id, ${topic.version}, r.updated_at from requests r where r.id = any(${ids}::int[])
    on conflict (topic_id, request_id) do update set topic_version = excluded.topic_version, request_updated_at = excluded.request_updated_at`);
  return matches.length;
}

const texts = (where: SQL) => sql`select r.id, r.subject, r.description, r.source_text from requests r ${where}`;

/**
 * Matches the given promises against every topic; without ids, the promises not yet read for a
 * topic's current version or changed since they were.
 */
export async function matchPromises(tx: Db | Tx, now: Date, ids?: number[]): Promise<{ checked: number; matched: number }> {
  const result = { checked: 0, matched: 0 };
  if (ids && ids.length === 0) return result;
  for (const topic of await tx.select().from(topics)) {
    const compiled = compileTopic(topic.terms, topic.excluded);
    if (ids) {
      for (let i = 0; i < ids.length; i += BATCH) {
        const rows = resultRows<TextRow>(await tx.execute(texts(sql`where r.id = any(${pgArray(ids.slice(i, i + BATCH))}::int[])`)));
        result.checked += rows.length;
        result.matched += await matchBatch(tx, now, topic, compiled, rows);
      }
      continue;
    }
    for (;;) {
      const rows = resultRows<TextRow>(
        await tx.execute(
          texts(sql`left join request_topic_checks c on c.request_id = r.id and c.topic_id = ${topic.id}
            where c.request_id is null or c.topic_version <> ${topic.version} or c.request_updated_at < r.updated_at
            order by r.id limit ${BATCH}`),
        ),
      );
      if (rows.length === 0) break;
      result.checked += rows.length;
      result.matched += await matchBatch(tx, now, topic, compiled, rows);
      if (rows.length < BATCH) break;
    }
  }
  return result;
}
