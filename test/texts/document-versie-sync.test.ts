// The SyncFeed category DocumentVersie is mirrored like the others: upserted by GUID, only a newer
// bijgewerkt overwrites, a deletion removes the row, and its document reference is kept even when
// the document has not arrived yet.
import { eq } from 'drizzle-orm';
import t from 'tap';
import { documentVersies } from '../../server/db/schema/index.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startFakeFeed } from '../sync/helpers/feed-server.ts';
import { syncOnce } from '../sync/helpers/run.ts';
import { at, document, guid, zaak } from '../sync/helpers/sample.ts';

function versie(n: number, documentId: string, fields: Record<string, string | number | null>, bijgewerkt = at(4)) {
  return {
    id: guid(n),
    bijgewerkt,
    refs: { document: documentId },
    fields: { status: 'Definitief', versienummer: 1, bestandsgrootte: 24_576, extensie: '.docx', datum: '2025-10-04T09:30:00+02:00', externeidentifier: null, ...fields },
  };
}

t.test('DocumentVersie rows are mirrored, updated by bijgewerkt and deleted', async (t) => {
  const { db } = await testDatabase(t);
  const feed = await startFakeFeed();
  t.teardown(() => feed.close());
  feed.push('Zaak', zaak(1));
  feed.push('Document', document(10, [guid(1)], 'Antwoord schriftelijke vragen', '2025-10-20T00:00:00+02:00', { aanhangselnummer: '252600123' }));
  // The second version refers to a document the feed has not sent yet.
  feed.push('DocumentVersie', versie(100, guid(10), { externeidentifier: 'ah-tk-20252026-123' }), versie(101, guid(11), { versienummer: 2, extensie: '.pdf' }));

  const first = await syncOnce(db, feed.url, { derive: false });
  t.error(first.error);
  const rows = await db.select().from(documentVersies);
  t.equal(rows.length, 2);
  const v = rows.find((r) => r.id === guid(100))!;
  t.equal(v.documentId, guid(10));
  t.equal(v.externeidentifier, 'ah-tk-20252026-123');
  t.equal(v.versienummer, 1);
  t.equal(v.bestandsgrootte, 24_576);
  t.equal(v.extensie, '.docx');
  t.equal(v.datum?.toISOString(), '2025-10-04T07:30:00.000Z');
  t.equal(rows.find((r) => r.id === guid(101))!.documentId, guid(11), 'a reference before its target is kept');
  t.notOk(first.log.lines.some((l) => /unknown/i.test(l.msg ?? '')), 'every DocumentVersie element is known');

  // An older re-emission does not overwrite; a newer one does; a deletion removes.
  feed.push('DocumentVersie', versie(100, guid(10), { externeidentifier: 'oud' }, at(3)));
  feed.push('DocumentVersie', versie(101, guid(11), { versienummer: 3 }, at(5)));
  feed.push('DocumentVersie', { id: guid(100), bijgewerkt: at(6), verwijderd: true });
  const second = await syncOnce(db, feed.url, { derive: false });
  t.error(second.error);
  t.same(await db.select().from(documentVersies).where(eq(documentVersies.id, guid(100))), []);
  const [newer] = await db.select().from(documentVersies).where(eq(documentVersies.id, guid(101)));
  t.equal(newer!.versienummer, 3);
});
