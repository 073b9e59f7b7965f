import { DEFAULT_MAX_EVENT_TIME_SKEW_MS } from '@sluice/contracts';
import { boolVar, intVar, listVar, optionalStringVar, stringVar } from '../env-vars';
import type { ConfigProblem } from '../config-error';
import { caFileProblem } from '../tls-trust';
import { section } from '../config-section';

/** SASL mechanisms the services speak (kafkajs names). */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha-256', 'scram-sha-512'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * How the services authenticate to Kafka and encrypt the connection: SASL (`sasl`, absent for
 * none) and TLS (`ssl`, absent for plaintext; `caFile` a PEM file of the CA that signed the
 * brokers' certificates, default the system's CAs).
 */
export interface KafkaSecurity {
  sasl?: { mechanism: KafkaSaslMechanism; username: string; password: string };
  ssl?: { caFile?: string };
}

/** Kafka connection and topic provisioning settings shared by every service. */
export const kafkaConfig = section(
  {
    brokers: listVar('KAFKA_BROKERS', '127.0.0.1:9092', 'Comma-separated bootstrap brokers (host:port).'),
    partitions: intVar('TOPIC_PARTITIONS', 6, 'Partitions of the topics the services create at start-up.', { min: 1, max: 1000 }),
    replicationFactor: intVar('TOPIC_REPLICATION_FACTOR', 1, 'Replication factor of the topics the services create.', { min: 1, max: 7 }),
    maxRecordBytes: intVar('MAX_RECORD_BYTES', 1048576, 'Largest record value (bytes) a service processes; larger ones go to the DLQ.', { min: 1024 }),
    maxEventTimeSkewMs: intVar(
      'MAX_EVENT_TIME_SKEW_MS',
      DEFAULT_MAX_EVENT_TIME_SKEW_MS,
      'Largest lead (ms) of an event time over the wall clock; later (or pre-1970) event times go to the DLQ (time-out-of-range).',
      { min: 0, max: 10 * 366 * 24 * 3600 * 1000 },
    ),
    clientIdPrefix: stringVar('KAFKA_CLIENT_ID_PREFIX', 'sluice', 'Prefix of Kafka client ids.'),
    saslMechanism: optionalStringVar('KAFKA_SASL_MECHANISM', `SASL mechanism to authenticate with: ${KAFKA_SASL_MECHANISMS.join(', ')}; unset = no SASL.`),
    saslUsername: optionalStringVar('KAFKA_SASL_USERNAME', 'SASL user (required with KAFKA_SASL_MECHANISM).'),
    saslPassword: optionalStringVar('KAFKA_SASL_PASSWORD', 'SASL password (required with KAFKA_SASL_MECHANISM; never logged).'),
    ssl: boolVar('KAFKA_SSL', false, 'Connect to the brokers over TLS (implied by KAFKA_SSL_CA).'),
    sslCa: optionalStringVar('KAFKA_SSL_CA', "PEM file of the CA that signed the brokers' certificates (implies KAFKA_SSL=true); default the system's CAs."),
  },
  ({ saslMechanism, saslUsername, saslPassword, ssl, sslCa, ...v }) => {
    const security: KafkaSecurity = {};
    // Credentials without a mechanism still make a `sasl` (mechanism ''), which validation refuses.
    if (saslMechanism !== undefined || saslUsername !== undefined || saslPassword !== undefined) {
      security.sasl = { mechanism: (saslMechanism ?? '').toLowerCase() as KafkaSaslMechanism, username: saslUsername ?? '', password: saslPassword ?? '' };
    }
    if (ssl || sslCa !== undefined) security.ssl = sslCa === undefined ? {} : { caFile: sslCa };
    return { ...v, security };
  },
  ({ security }) => kafkaSecurityProblems(security),
);

/** What is wrong with the Kafka security settings (names the variables, never echoes a password). */
function kafkaSecurityProblems(security: KafkaSecurity): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { sasl, ssl } = security;
  if (sasl) {
    const allowed = `allowed values are ${KAFKA_SASL_MECHANISMS.join(', ')}`;
    if (!sasl.mechanism) problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: `is required with KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD; ${allowed}` });
    else if (!(KAFKA_SASL_MECHANISMS as readonly string[]).includes(sasl.mechanism)) problems.push({ variable: 'KAFKA_SASL_MECHANISM', message: allowed, received: sasl.mechanism });
    if (!sasl.username) problems.push({ variable: 'KAFKA_SASL_USERNAME', message: 'is required with KAFKA_SASL_MECHANISM' });
    if (!sasl.password) problems.push({ variable: 'KAFKA_SASL_PASSWORD', message: 'is required with KAFKA_SASL_MECHANISM' });
  }
  const ca = caFileProblem('KAFKA_SSL_CA', ssl?.caFile);
  if (ca) problems.push(ca);
  return problems;
}
export type KafkaConfig = ReturnType<typeof kafkaConfig.build>;
