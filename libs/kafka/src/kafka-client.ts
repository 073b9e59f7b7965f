import { readFileSync } from 'node:fs';
import { Kafka, KafkaConfig as KafkajsConfig, logLevel as KafkaLogLevel } from 'kafkajs';
import type { KafkaConfig, KafkaSecurity } from '@sluice/config';
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
 * The kafkajs `sasl` and `ssl` options of {@link KafkaSecurity}: SASL PLAIN or SCRAM with the
 * user's credentials, TLS with the CA read from its PEM file (the system's CAs without one).
 * @throws Error naming KAFKA_SSL_CA when the file cannot be read (start-up validation checks it first)
 */
export function kafkajsSecurity(security: KafkaSecurity): Pick<KafkajsConfig, 'sasl' | 'ssl'> {
  const out: Pick<KafkajsConfig, 'sasl' | 'ssl'> = {};
  if (security.sasl) out.sasl = { ...security.sasl } as KafkajsConfig['sasl'];
  if (security.ssl) {
    const { caFile } = security.ssl;
    out.ssl = caFile === undefined ? true : { ca: [readCa(caFile)] };
  }
  return out;
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`KAFKA_SSL_CA: cannot read ${file}`, { cause: e });
  }
}

/**
 * Builds the kafkajs client of a service: the one place that knows broker addresses,
 * security (SASL/TLS, {@link kafkajsSecurity}), client ids, retry policy and logging. kafkajs log entries go to pino with `context: kafkajs`
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
    ...kafkajsSecurity(config.security),
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 10 },
    logLevel: kafkajsLevel(logger.level),
    logCreator: () => (entry) => router.route(entry),
  });
}
