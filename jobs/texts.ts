// The `texts` job: reads the texts of question, answer and delay-notice documents that have none
// yet, whose file changed, or whose retry is due, pairs each changed set's questions with their
// answers, and refreshes what reads them. The scheduler runs it after every sync (a failure here
// never fails the sync); `npm run job -- texts` runs it once. All the work is in server/texts/.
import { TextFetcher } from '../server/texts/fetch-client.ts';
import { tkResourceUrl } from '../server/texts/read-document.ts';
import { runTexts } from '../server/texts/run-texts.ts';
import type { Job } from './job.ts';

export const textsJob: Job = {
  name: 'texts',
  after: 'sync',
  stoppable: true,
  async run({ config, database, log }, { clock, stop }) {
    // Only KOOP's repository and the feed's own files are ever fetched.
    const fetcher = new TextFetcher({ allowedBases: [config.KOOP_URL, tkResourceUrl(config.TK_FEED_URL, '')], publicUrl: config.PUBLIC_URL });
    try {
      const now = clock.now();
      const result = await runTexts(database.db, {
        fetcher,
        sources: { koopUrl: config.KOOP_URL, feedUrl: config.TK_FEED_URL },
        now,
        log,
        cutoffDays: config.ALERT_CUTOFF_DAYS,
        stop,
      });
      log.info({ now: now.toISOString(), ...result }, 'texts read');
    } finally {
      await fetcher.close();
    }
  },
};
