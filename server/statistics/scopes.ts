// The three kinds of scope statistics are kept for: a ministry, a party (at the time of asking)
// and a member. Shared by the HTML pages and the JSON API.
import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { fracties, personen, questionAskers } from '../db/schema/index.ts';
import { ministryByCode } from '../questions/ministries.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function findMinistry(code: string) {
  const m = ministryByCode(code);
  return m ? { code: m.code, name: m.name } : null;
}

/** A party is known when the feed has it or a question set was asked under it. */
export async function findParty(db: Db, afkorting: string): Promise<{ afkorting: string } | null> {
  const [known] = await db.select({ id: fracties.id }).from(fracties).where(eq(fracties.afkorting, afkorting)).limit(1);
  if (known) return { afkorting };
  const [asked] = await db.select({ z: questionAskers.zaakId }).from(questionAskers).where(eq(questionAskers.party, afkorting)).limit(1);
  return asked ? { afkorting } : null;
}

export async function findPerson(db: Db, rawId: string): Promise<{ id: string; name: string; functie: string | null } | null> {
  const id = rawId.toLowerCase();
  if (!UUID.test(id)) return null;
  const [p] = await db.select().from(personen).where(eq(personen.id, id));
  if (!p) return null;
  return { id, name: [p.roepnaam ?? p.initialen, p.tussenvoegsel, p.achternaam].filter(Boolean).join(' '), functie: p.functie };
}
