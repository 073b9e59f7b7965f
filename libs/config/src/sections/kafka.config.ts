import { DEFAULT_MAX_EVENT_TIME_SKEW_MS } from '@sluice/contracts';
import { intVar, listVar, stringVar } from '../env-vars';
import { section } from '../config-section';

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
  },
  (v) => v,
);
export type KafkaConfig = ReturnType<typeof kafkaConfig.build>;
