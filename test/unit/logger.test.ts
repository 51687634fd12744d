// Logs: JSON lines when stdout is not a terminal; readable single lines through pino-pretty when
// it is.
import { prettyFactory } from 'pino-pretty';
import t from 'tap';
import { loggerOptions } from '../../server/logger.ts';

t.test('JSON off a terminal, pretty single lines on one', async (t) => {
  const plain = loggerOptions({ LOG_LEVEL: 'info' }, false) as Record<string, unknown>;
  t.notOk('transport' in plain, 'JSON lines for a collector');
  const tty = loggerOptions({ LOG_LEVEL: 'info' }, true) as { transport: { target: string; options: Record<string, unknown> } };
  t.equal(tty.transport.target, 'pino-pretty');
  const pretty = prettyFactory({ ...tty.transport.options, colorize: false });
  const line = pretty(JSON.stringify({ level: 50, time: Date.UTC(2025, 11, 1, 8), pid: 1, hostname: 'h', category: 'Zaak', kind: 'network', reason: 'connect ECONNREFUSED', msg: 'category sync failed' }));
  t.match(line, /ERROR.*category sync failed.*connect ECONNREFUSED/);
  t.equal(line.trimEnd().split('\n').length, 1, 'one line');
  t.notMatch(line, /"level"|hostname|pid/);
});
