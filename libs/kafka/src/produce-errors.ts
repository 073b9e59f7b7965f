import { kafkaErrorChain } from './kafka-error-chain';

/**
 * Kafka error codes (kafkajs `KafkaJSProtocolError.type`) that no retry can cure: the request is
 * refused for what it is (a record too large, a topic or transactional id not authorised), not
 * for the state of the cluster. Everything else (connection errors, request timeouts, a stopped or
 * restarted broker, `OUT_OF_ORDER_SEQUENCE_NUMBER` or a fenced epoch after the broker aborted a
 * transaction) is cured by a new producer and a retry.
 */
export const PERMANENT_PRODUCE_ERRORS: ReadonlySet<string> = new Set([
  'MESSAGE_TOO_LARGE',
  'RECORD_LIST_TOO_LARGE',
  'INVALID_RECORD',
  'INVALID_TOPIC_EXCEPTION',
  'INVALID_REQUIRED_ACKS',
  'INVALID_TRANSACTION_TIMEOUT',
  'UNSUPPORTED_VERSION',
  'UNSUPPORTED_FOR_MESSAGE_FORMAT',
  'TOPIC_AUTHORIZATION_FAILED',
  'CLUSTER_AUTHORIZATION_FAILED',
  'TRANSACTIONAL_ID_AUTHORIZATION_FAILED',
  'SASL_AUTHENTICATION_FAILED',
]);

/**
 * Finds a permanent refusal in a produce error, following kafkajs' wrappers (`cause`, and the
 * `errors` of an aggregate).
 * @returns `"<TYPE>: <message>"` of the first permanent protocol error, or the message of a
 *   `KafkaJSSASLAuthenticationError`; undefined when retrying may succeed
 */
export function permanentProduceError(error: unknown): string | undefined {
  for (const err of kafkaErrorChain(error)) {
    if (typeof err.type === 'string' && PERMANENT_PRODUCE_ERRORS.has(err.type)) return `${err.type}: ${String(err.message)}`;
    if (err.name === 'KafkaJSSASLAuthenticationError') return String(err.message);
  }
  return undefined;
}
