// Curated facts loaded on every start. Idempotent: a seed row that exists is left alone (staff
// may have edited it since), so running the seeds twice leaves the same rows.
import type { Clock } from '../server/clock.ts';
import type { Db } from '../server/db/client.ts';
import { requestAddressees, requestLinks, requestParties, requestPersons, requests, topics } from '../server/db/schema/index.ts';
import { REQUEST_SEEDS, type RequestSeed } from './requests.ts';
import { TOPIC_SEEDS } from './topics.ts';

export async function runSeeds(db: Db, clock: Clock): Promise<void> {
  const now = clock.now();
  await db.transaction(async (tx) => {
    for (const t of TOPIC_SEEDS) {
      await tx
        .insert(topics)
        .values({ ...t, createdAt: now, updatedAt: now })
        .onConflictDoNothing({ target: topics.slug });
    }
    for (const seed of REQUEST_SEEDS) await insertRequest(tx as unknown as Db, seed, now);
    await (await import('./party-corrections.ts')).seedPartyCorrections(tx as unknown as Db);
  });
}

async function insertRequest(db: Db, seed: RequestSeed, now: Date): Promise<void> {
  const [created] = await db
    .insert(requests)
    .values({
      slug: seed.slug,
      kind: seed.kind,
      requestedOn: seed.requestedOn,
      requestedOnPrecision: seed.requestedOnPrecision,
      committee: seed.committee,
      subject: seed.subject,
      description: seed.description,
      sourceText: seed.sourceText,
      sourceUrl: seed.sourceUrl,
      status: seed.status,
      statusAsOf: now,
      dueText: seed.dueText,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: requests.slug })
    .returning({ id: requests.id });
  if (!created) return; // Already seeded.
  const requestId = created.id;
  if (seed.persons.length > 0) {
    await db.insert(requestPersons).values(seed.persons.map((p, position) => ({ requestId, position, ...p })));
  }
  const parties = [
    ...seed.requesterParties.map((party) => ({ requestId, role: 'requester' as const, party })),
    ...seed.supporterParties.map((party) => ({ requestId, role: 'supporter' as const, party })),
  ];
  if (parties.length > 0) await db.insert(requestParties).values(parties);
  if (seed.addressees.length > 0) {
    await db.insert(requestAddressees).values(seed.addressees.map((ministry) => ({ requestId, ministry })));
  }
  if (seed.links.length > 0) {
    await db
      .insert(requestLinks)
      .values(seed.links.map((l) => ({ requestId, ...l, state: 'confirmed' as const, origin: 'seed' as const, createdAt: now, updatedAt: now })));
  }
}
