// Every minute: fan out new question events into deliveries, clean up per the retention
// schedule, and send what is due (immediate alerts; the daily digest after 07:00). All the work
// is in server/alerts/.
import { runAlerts } from '../server/alerts/run.ts';
import { createMailTransport, transportOptions } from '../server/alerts/transport.ts';
import type { Job } from './job.ts';

export const alertsJob: Job = {
  name: 'alerts',
  schedule: () => '* * * * *',
  async run({ database, config, log }, { clock }) {
    const transport = createMailTransport(transportOptions(config));
    try {
      const now = clock.now();
      const result = await runAlerts({ db: database.db, config, transport, log }, { now });
      log.info({ now: now.toISOString(), ...result }, 'alerts run');
    } finally {
      transport.close();
    }
  },
};
