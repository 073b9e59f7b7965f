import { tlsVerifyCode } from '@sluice/config';
import { kafkaErrorChain } from './kafka-error-chain';

/**
 * Decides whether an error from a topic creation or a metadata request is worth retrying.
 *
 * kafkajs reports CreateTopics failures as a `KafkaJSAggregateError` with one protocol error per
 * topic, and wraps others in `KafkaJSNumberOfRetriesExceeded`/`KafkaJSNonRetriableError` with the
 * original in `cause`. A protocol error carries the broker's `type` (e.g. `INVALID_REPLICATION_FACTOR`)
 * and `retriable` flag from Kafka's error table. `TOPIC_ALREADY_EXISTS` is not a failure here (another
 * service created the topic first).
 *
 * @returns the message of the first error that retrying cannot fix (a protocol error the broker
 *   marks non-retriable, such as an invalid replication factor or partition count), or `undefined`
 *   when every error found is transient (unknown topic while metadata propagates, no leader yet,
 *   not controller, connection errors, request timeouts)
 */
export function permanentTopicError(error: unknown): string | undefined {
  for (const err of kafkaErrorChain(error)) {
    if (typeof err.type === 'string' && err.type !== 'TOPIC_ALREADY_EXISTS' && err.retriable === false) return `${err.type}: ${String(err.message)}`;
  }
  return undefined;
}

/**
 * Decides whether connecting to Kafka failed for a reason retrying cannot fix: the broker refused
 * the SASL credentials (`KafkaJSSASLAuthenticationError`), or the broker's TLS certificate is not
 * trusted (Node's verification codes, `TLS_VERIFY_CODES` of @sluice/config, e.g. `DEPTH_ZERO_SELF_SIGNED_CERT`).
 * @returns a sentence naming the variables to check, or `undefined`
 */
export function permanentConnectionError(error: unknown): string | undefined {
  for (const err of kafkaErrorChain(error)) {
    if (err.name === 'KafkaJSSASLAuthenticationError') return `Kafka refused the SASL credentials (check KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD): ${String(err.message)}`;
    const code = tlsVerifyCode(err);
    if (code) return `the broker's TLS certificate is not trusted (check KAFKA_SSL_CA): ${code}`;
  }
  return undefined;
}
