import pino, { Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The root pino logger of a service: JSON lines on stdout with `service` on every line.
 * Child loggers add `context` (the class name) and correlation fields (topic, partition, offset).
 */
export function createLogger(service: string, level: string): Logger {
  return pino({ level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
