// Staff records that no longer count: expired or revoked sessions, sign-in failures older than
// their window. Run hourly by the deadlines job.
import type { Db } from '../db/client.ts';
import { purgeLoginFailures } from './login.ts';
import { purgeSessions } from './sessions.ts';

export async function purgeStaffRecords(db: Db, now: Date): Promise<{ sessions: number; loginFailures: number }> {
  return { sessions: await purgeSessions(db, now), loginFailures: await purgeLoginFailures(db, now) };
}
