import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The root pino logger of a service: JSON lines on stdout with `service` on every line.
 * Child loggers add `context` (the class name) and correlation fields (topic, partition, offset).
 * @param fd 1 = stdout; a CLI whose stdout carries its result logs to 2 (stderr)
 */
export function createLogger(service: string, level: string, fd: 1 | 2 = 1): Logger {
  const options = { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime };
  return fd === 1 ? pino(options) : pino(options, pino.destination({ fd, sync: true }));
}
