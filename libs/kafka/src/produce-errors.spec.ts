import { KafkaJSNonRetriableError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from 'kafkajs';
import { permanentProduceError } from './produce-errors';

const protocol = (type: string, retriable = false) => Object.assign(new KafkaJSProtocolError(`${type} error`), { type, retriable });

describe(permanentProduceError.name, () => {
  it('finds a record-too-large refusal inside kafkajs wrappers', () => {
    const refusal = protocol('MESSAGE_TOO_LARGE');
    const wrapped = Object.assign(new KafkaJSNonRetriableError(refusal), { cause: refusal }); // as kafkajs' retrier bails out
    expect(permanentProduceError(wrapped)).toBe('MESSAGE_TOO_LARGE: MESSAGE_TOO_LARGE error');
    expect(permanentProduceError({ errors: [new Error('x'), protocol('TOPIC_AUTHORIZATION_FAILED')] })).toMatch(/^TOPIC_AUTHORIZATION_FAILED/);
  });

  it('takes outages and a broken sequence after a broker pause for transient', () => {
    expect(permanentProduceError(new KafkaJSRequestTimeoutError('Request Produce timed out'))).toBeUndefined();
    expect(permanentProduceError(Reflect.construct(KafkaJSNumberOfRetriesExceeded, [new Error('Connection error: ECONNREFUSED'), { retryCount: 5, retryTime: 5000 }]))).toBeUndefined();
    expect(permanentProduceError(protocol('OUT_OF_ORDER_SEQUENCE_NUMBER'))).toBeUndefined();
    expect(permanentProduceError(protocol('INVALID_PRODUCER_EPOCH'))).toBeUndefined();
    expect(permanentProduceError(undefined)).toBeUndefined();
  });
});
