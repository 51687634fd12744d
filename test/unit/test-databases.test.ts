// Concurrent test runs share one PostgreSQL; each run's setup drops only databases whose owning
// process is gone. The kill test's database (kamerwacht_test_kill_<pid>) used to be read as having
// no pid and was dropped under a running test by a concurrent run.
import t from 'tap';
import { testDatabasePid } from '../helpers/databases.ts';

t.test('the owning pid is read from every test database name', async (t) => {
  t.equal(testDatabasePid('kamerwacht_test_4242_k3j9x0aa'), 4242);
  t.equal(testDatabasePid('kamerwacht_test_kill_4242'), 4242);
  t.equal(testDatabasePid('kamerwacht_tmpl_77'), 77);
  t.equal(testDatabasePid('kamerwacht_test_4242_12345678'), 4242, 'a numeric random suffix is not the pid');
  t.equal(testDatabasePid('kamerwacht_test_scratch'), null, 'no pid: left alone');
});
