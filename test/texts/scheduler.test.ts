// The scheduler runs the texts job after every sync run, also after a failed one, and a failing
// texts run is logged without touching the sync.
import t from 'tap';
import { fixedClock } from '../../server/clock.ts';
import { loadConfig } from '../../server/config.ts';
import type { Job } from '../../jobs/job.ts';
import { runWithFollowers } from '../../jobs/scheduler.ts';
import { testDatabase } from '../helpers/databases.ts';
import { startTextSources } from './helpers/koop-server.ts';
import { insertSampleSet, publishSample, textRow } from './helpers/texts-run.ts';

function recordingLog(lines: { level: string; msg: string; job?: string }[], bindings: { job?: string } = {}): never {
  const at = (level: string) => (obj: unknown, msg?: string) => void lines.push({ level, msg: typeof obj === 'string' ? obj : (msg ?? ''), job: bindings.job });
  return { info: at('info'), warn: at('warn'), error: at('error'), debug: () => {}, child: (b: { job?: string }) => recordingLog(lines, b) } as never;
}

t.test('texts follows every sync run, failed or not', async (t) => {
  const database = await testDatabase(t);
  const sources = await startTextSources();
  t.teardown(() => sources.close());
  const set = await insertSampleSet(database.db);
  publishSample(sources);
  const lines: { level: string; msg: string; job?: string }[] = [];
  const config = loadConfig({ DATA_DIR: 'memory://', KOOP_URL: sources.koopUrl, TK_FEED_URL: sources.feedUrl });
  const failingSync: Job = {
    name: 'sync',
    async run() {
      throw new Error('feed unreachable');
    },
  };
  await runWithFollowers(failingSync, { config, clock: fixedClock(new Date('2025-07-10T10:00:00+02:00')), database, log: recordingLog(lines) });
  t.match(lines, [{ level: 'error', msg: 'scheduled job failed', job: 'sync' }]);
  t.ok(lines.some((l) => l.job === 'texts' && l.msg === 'texts read'), 'the texts job ran after the failed sync');
  t.match(await textRow(database.db, set.answer), { state: 'ok', source: 'koop' });
});
