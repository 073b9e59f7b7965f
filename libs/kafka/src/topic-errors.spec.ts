import { KafkaJSAggregateError, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError } from 'kafkajs';
import { permanentTopicError } from './topic-errors';

// Protocol errors as kafkajs builds them from Kafka's error table (protocol/error.js).
const protocol = (type: string, retriable: boolean) =>
  new KafkaJSProtocolError({ type, code: 0, retriable, message: `broker says ${type}` } as unknown as Error);

describe(permanentTopicError.name, () => {
  it('treats an unknown topic or a missing leader as transient', () => {
    expect(permanentTopicError(protocol('UNKNOWN_TOPIC_OR_PARTITION', true))).toBeUndefined();
    expect(permanentTopicError(protocol('LEADER_NOT_AVAILABLE', true))).toBeUndefined();
    expect(permanentTopicError(new KafkaJSConnectionError('Connection error: ECONNREFUSED'))).toBeUndefined();
    expect(permanentTopicError(new Error('no type at all'))).toBeUndefined();
  });

  it('ignores topics another service created first', () => {
    const e = new KafkaJSAggregateError('Topic creation errors', [
      protocol('TOPIC_ALREADY_EXISTS', false),
      protocol('TOPIC_ALREADY_EXISTS', false),
    ]);
    expect(permanentTopicError(e)).toBeUndefined();
  });

  it('names a refusal that retrying cannot fix, also inside an aggregate or a retry wrapper', () => {
    expect(permanentTopicError(protocol('INVALID_REPLICATION_FACTOR', false))).toBe(
      'INVALID_REPLICATION_FACTOR: broker says INVALID_REPLICATION_FACTOR',
    );
    const aggregate = new KafkaJSAggregateError('Topic creation errors', [
      protocol('TOPIC_ALREADY_EXISTS', false),
      protocol('INVALID_PARTITIONS', false),
    ]);
    expect(permanentTopicError(aggregate)).toMatch(/^INVALID_PARTITIONS:/);
    const wrapped = new KafkaJSNumberOfRetriesExceeded(protocol('POLICY_VIOLATION', false), { retryCount: 5, retryTime: 100 } as never);
    expect(permanentTopicError(wrapped)).toMatch(/^POLICY_VIOLATION:/);
  });
});
