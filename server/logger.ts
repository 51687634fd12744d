// The process logger's options: JSON lines for log collectors, and readable coloured lines when a
// person watches the terminal (stdout is a TTY), through pino-pretty in pino's worker thread.
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config.ts';
import { LOG_SERIALIZERS } from './log-redaction.ts';

export function loggerOptions(config: Pick<Config, 'LOG_LEVEL'>, isTTY: boolean): NonNullable<FastifyServerOptions['logger']> {
  return {
    level: config.LOG_LEVEL,
    redact: ['req.headers.cookie', 'req.headers.authorization'],
    serializers: LOG_SERIALIZERS,
    ...(isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true } } } : {}),
  };
}
