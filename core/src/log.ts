import pino from 'pino';

export type Logger = pino.Logger;

/** Structured JSON logs; on a terminal, the same records pretty-printed for people (LOG_FORMAT=json keeps JSON). */
export function createLogger(level: string, name = 'kbs'): Logger {
  const pretty = process.stdout.isTTY && process.env.LOG_FORMAT !== 'json' && level !== 'silent';
  return pretty
    ? pino({ name, level, transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } } })
    : pino({ name, level });
}
