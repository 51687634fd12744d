// npm run job -- <name> [--now <ISO-8601>]: runs one job once and exits non-zero on failure
// (`--help` prints the usage). `npm run job` runs the compiled build (dist/jobs/cli.js, built
// by server/build.ts when the sources changed), as `npm start` does, with a young generation of
// 8 MB semi-spaces instead of 16: a bulk sync allocates briefly per page, and the smaller nursery
// keeps the job's peak RSS about 20 MB lower at no measurable cost in time (test/bench/sync-job.ts).
// Its old generation is capped at 192 MB: what a job holds at once is a few feed pages or one
// derivation chunk, but on a machine with memory to spare V8 collects late: a first import of 3
// million entries grew the job's process tree to 415 MB, capped it stays under 250 MB
// (test/bench/first-import.ts), at no measurable cost in time.
// SIGTERM to a stoppable job (sync) lets it commit the page in flight and stop; the process then
// exits 0, and the next run resumes from there. A second SIGTERM ends it at once.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { fixedClock } from '../server/clock.ts';
import { boot } from '../server/boot.ts';
import { ConfigError, loadConfig } from '../server/config.ts';
import { DataDirInUseError } from '../server/db/data-dir-lock.ts';
import { LOG_SERIALIZERS, safeErrorMessage } from '../server/log-redaction.ts';
import { derivationLanes, JobBusyError, runLocked } from './job.ts';
import { findJob, JOBS } from './registry.ts';

const USAGE = `Usage: npm run job -- <name> [--now <ISO-8601>]\nJobs: ${JOBS.map((j) => j.name).join(', ') || '(none)'}`;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { now: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const name = positionals[0];
  const job = name ? findJob(name) : undefined;
  if (!job) {
    console.error(name ? `Unknown job "${name}".\n${USAGE}` : USAGE);
    return 2;
  }
  let now: Date | undefined;
  try {
    // --now goes through the same validation as NOW.
    now = values.now === undefined ? undefined : loadConfig({ NOW: values.now }).NOW;
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message.replace('NOW must', '--now must') : err);
    return 2;
  }
  const { config, clock, database } = await boot(process.env);
  const log = pino({ level: config.LOG_LEVEL, serializers: LOG_SERIALIZERS }).child({ job: job.name });
  const stop = new AbortController();
  const onTerm = () => {
    log.warn('SIGTERM: finishing the work in flight, then stopping');
    stop.abort();
  };
  if (job.stoppable) process.once('SIGTERM', onTerm);
  try {
    await runLocked(job, { config, database, log }, {
      clock: now ? fixedClock(now) : clock,
      interactive: process.stderr.isTTY === true,
      lanes: database.kind === 'postgres' ? derivationLanes() : 1,
      stop: stop.signal,
    });
    return 0;
  } catch (err) {
    if (err instanceof JobBusyError) log.error(err.message);
    else log.error({ err }, 'job failed');
    return 1;
  } finally {
    process.removeListener('SIGTERM', onTerm);
    await database.close();
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirInUseError) console.error(err.message);
  else console.error(safeErrorMessage(err));
  process.exitCode = 1;
}
