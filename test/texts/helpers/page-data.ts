// The data behind the question-page tests: the sample set read from KOOP (every flag, a delay
// reason, footnotes), and a set whose documents could not be read.
import type { Db } from '../../../server/db/client.ts';
import { insertDocument, insertZaak } from '../../helpers/builders.ts';
import type { TextSources } from './koop-server.ts';
import { insertSampleSet, publishSample, textsOnce } from './texts-run.ts';

const READ_AT = new Date('2025-07-10T10:00:00+02:00');

export async function insertPageData(db: Db, sources: TextSources): Promise<void> {
  await insertSampleSet(db);
  publishSample(sources);
  // 2025Z10002: KOOP has nothing yet and the Kamer's file is not there either.
  const zaakId = await insertZaak(db, { nummer: '2025Z10002', gestartOp: '2025-07-01', onderwerp: 'Een set zonder tekst' });
  await insertDocument(db, { zaakId, soort: 'Schriftelijke vragen', datum: '2025-07-01', nummer: '2025D20010' });
  await textsOnce(db, sources, READ_AT);
}
