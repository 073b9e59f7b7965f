import { enumVar, intVar, stringVar } from '../env-vars';
import { section } from '../config-section';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/**
 * HTTP endpoint (`/health`, `/health/live`, `/metrics`) and logging of one service.
 * @param defaultPort the service's default port (each service has its own so all run on one host).
 */
export function httpConfig(defaultPort: number) {
  return section(
    {
      host: stringVar('HTTP_HOST', '127.0.0.1', 'Address /health and /metrics bind to (0.0.0.0 in containers).'),
      port: intVar('HTTP_PORT', defaultPort, 'Port of /health and /metrics (0 = disabled).', { min: 0, max: 65535 }),
      logLevel: enumVar('LOG_LEVEL', LOG_LEVELS, 'info', 'pino log level.'),
    },
    (v) => v,
  );
}
export type HttpConfig = ReturnType<ReturnType<typeof httpConfig>['build']>;

/** Default HTTP ports per service (native stack; compose uses the same ones inside containers). */
export const DEFAULT_HTTP_PORTS = {
  producer: 3100,
  processor: 3101,
  'redis-writer': 3102,
  'cassandra-writer': 3103,
  'mongo-writer': 3104,
  'influx-writer': 3105,
  console: 3000,
} as const;
