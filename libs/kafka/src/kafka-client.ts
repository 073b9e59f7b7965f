import { Kafka, logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import type { KafkaConfig } from '@sluice/config';
import type { Logger } from '@sluice/observability';

export type { Kafka } from 'kafkajs';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

/**
 * Builds the kafkajs client of a service: the one place that knows broker addresses,
 * client ids, retry policy and logging. kafkajs log entries go to pino with `context: kafkajs`.
 *
 * @param clientId suffix of the client id (`<KAFKA_CLIENT_ID_PREFIX>-<clientId>`)
 */
export function createKafkaClient(config: KafkaConfig, clientId: string, logger: Logger): Kafka {
  const log = logger.child({ context: 'kafkajs' });
  return new Kafka({
    clientId: `${config.clientIdPrefix}-${clientId}`,
    brokers: config.brokers,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 10 },
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: entry }: LogEntry) => {
        const { message, timestamp: _ts, logger: _l, ...extra } = entry;
        log[LEVELS[level] ?? 'info']({ namespace, ...extra }, message);
      },
  });
}
