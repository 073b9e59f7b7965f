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
