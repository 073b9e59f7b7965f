import { Kafka, logLevel as KafkaLogLevel } from 'kafkajs';
import type { KafkaConfig } from '@sluice/config';
import type { Logger } from '@sluice/observability';
import { KafkajsLogRouter } from './kafkajs-log-router';

export type { Kafka } from 'kafkajs';

/**
 * The kafkajs level that lets through what the service's pino level shows: kafkajs INFO lines
 * (every group join, with assignments) only from pino `debug`, its per-request DEBUG lines only
 * from `trace`. Retried broker answers arrive as kafkajs ERROR lines, so they are always seen
 * (and demoted by {@link KafkajsLogRouter}).
 */
function kafkajsLevel(pinoLevel: string): KafkaLogLevel {
  if (pinoLevel === 'trace') return KafkaLogLevel.DEBUG;
  if (pinoLevel === 'debug') return KafkaLogLevel.INFO;
  return KafkaLogLevel.WARN;
}

/**
 * Builds the kafkajs client of a service: the one place that knows broker addresses,
 * client ids, retry policy and logging. kafkajs log entries go to pino with `context: kafkajs`
 * through a {@link KafkajsLogRouter} (retried broker answers at debug with a count, repeated
 * warnings rate-limited).
 *
 * @param clientId suffix of the client id (`<KAFKA_CLIENT_ID_PREFIX>-<clientId>`)
 */
export function createKafkaClient(config: KafkaConfig, clientId: string, logger: Logger): Kafka {
  const router = new KafkajsLogRouter(logger.child({ context: 'kafkajs' }));
  return new Kafka({
    clientId: `${config.clientIdPrefix}-${clientId}`,
    brokers: config.brokers,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 10 },
    logLevel: kafkajsLevel(logger.level),
    logCreator: () => (entry) => router.route(entry),
  });
}
