import { Writable } from 'node:stream';
import pino from 'pino';
import { logLevel as KafkaLogLevel, LogEntry } from 'kafkajs';
import { KafkajsLogRouter } from './kafkajs-log-router';
import { RetriableBrokerAnswers, loadKafkaErrorCodes } from './kafkajs-broker-answers';

interface Line {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real pino logger at debug writing JSON lines into an array. */
function capture(): { logger: pino.Logger; lines: Line[] } {
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, sink), lines };
}

/** The message text kafkajs gives a broker error code, read from kafkajs' own table. */
const kafkaMessage = (type: string) => loadKafkaErrorCodes().find((c) => c.type === type)!.message;

const entry = (level: KafkaLogLevel, namespace: string, message: string, extra: Record<string, unknown> = {}): LogEntry =>
  ({ namespace, level, label: KafkaLogLevel[level], log: { timestamp: new Date().toISOString(), logger: 'kafkajs', message, ...extra } }) as LogEntry;

const PINO = { debug: 20, info: 30, warn: 40, error: 50 };

describe(KafkajsLogRouter.name, () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  describe('route', () => {
    it('logs the CONCURRENT_TRANSACTIONS answers of a processor restart at debug, then one info line with their count', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger, { windowMs: 10_000 });
      const busy = kafkaMessage('CONCURRENT_TRANSACTIONS');
      for (let i = 0; i < 12; i++) {
        router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response AddPartitionsToTxn(key: 24, version: 1)', { error: busy, correlationId: i }));
        router.route(entry(KafkaLogLevel.ERROR, 'Producer', `Failed to send messages: ${busy}`, { retryCount: i, retryTime: 300 }));
      }
      expect(lines.filter((l) => l.level >= PINO.warn)).toEqual([]);
      expect(lines).toHaveLength(24);
      expect(lines.every((l) => l.level === PINO.debug && l.kafkaError === 'CONCURRENT_TRANSACTIONS')).toBe(true);

      jest.advanceTimersByTime(10_000);
      expect(lines.slice(24)).toEqual([
        expect.objectContaining({ level: PINO.info, msg: 'kafkajs retried a broker answer', kafkaError: 'CONCURRENT_TRANSACTIONS', count: 24 }),
      ]);
    });

    it('demotes every retried answer kafkajs recovers from, including a re-join on REBALANCE_IN_PROGRESS', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger);
      for (const type of ['NOT_COORDINATOR_FOR_GROUP', 'GROUP_LOAD_IN_PROGRESS', 'LEADER_NOT_AVAILABLE']) {
        router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response FindCoordinator(key: 10, version: 2)', { error: kafkaMessage(type) }));
      }
      router.route(entry(KafkaLogLevel.WARN, 'Runner', 'The group is rebalancing, re-joining', { error: kafkaMessage('REBALANCE_IN_PROGRESS') }));
      router.route(entry(KafkaLogLevel.ERROR, 'BrokerPool', kafkaMessage('LEADER_NOT_AVAILABLE'), { retryCount: 1 }));
      expect(lines.map((l) => [l.level, l.kafkaError])).toEqual([
        [PINO.debug, 'NOT_COORDINATOR_FOR_GROUP'],
        [PINO.debug, 'GROUP_LOAD_IN_PROGRESS'],
        [PINO.debug, 'LEADER_NOT_AVAILABLE'],
        [PINO.debug, 'REBALANCE_IN_PROGRESS'],
        [PINO.debug, 'LEADER_NOT_AVAILABLE'],
      ]);
      router.flush();
      expect(lines.slice(5).map((l) => [l.level, l.kafkaError, l.count])).toEqual([
        [PINO.info, 'NOT_COORDINATOR_FOR_GROUP', 1],
        [PINO.info, 'GROUP_LOAD_IN_PROGRESS', 1],
        [PINO.info, 'LEADER_NOT_AVAILABLE', 2],
        [PINO.info, 'REBALANCE_IN_PROGRESS', 1],
      ]);
    });

    it('logs an eviction kafkajs recovers from by re-joining the group (UNKNOWN_MEMBER_ID) as a warning, once per window', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger);
      const evicted = kafkaMessage('UNKNOWN_MEMBER_ID');
      for (let i = 0; i < 3; i++) router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response Heartbeat(key: 12, version: 3)', { error: evicted, correlationId: i }));
      router.route(entry(KafkaLogLevel.ERROR, 'Runner', 'The coordinator is not aware of this member, re-joining the group', { error: evicted }));
      router.flush();
      expect(lines.map((l) => [l.level, l.namespace, l.kafkaError, l.repeated])).toEqual([
        [PINO.warn, 'Connection', 'UNKNOWN_MEMBER_ID', undefined],
        [PINO.warn, 'Runner', 'UNKNOWN_MEMBER_ID', undefined],
        [PINO.warn, 'Connection', 'UNKNOWN_MEMBER_ID', 2],
      ]);
    });

    it('logs the CreateTopics answer of a topic another service created first at debug (ensureTopics handles it)', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger);
      router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response CreateTopics(key: 19, version: 3)', { error: 'Topic creation errors', correlationId: 4 }));
      router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response Produce(key: 0, version: 7)', { error: 'Topic creation errors' }));
      expect(lines.map((l) => [l.level, l.msg])).toEqual([
        [PINO.debug, 'Response CreateTopics(key: 19, version: 3)'],
        [PINO.error, 'Response Produce(key: 0, version: 7)'],
      ]);
    });

    it('keeps an error a person must act on at error, and kafkajs info lines at info', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger);
      router.route(entry(KafkaLogLevel.ERROR, 'Connection', 'Response Produce(key: 0, version: 7)', { error: kafkaMessage('TOPIC_AUTHORIZATION_FAILED') }));
      router.route(entry(KafkaLogLevel.ERROR, 'Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded: ' + kafkaMessage('CONCURRENT_TRANSACTIONS')));
      router.route(entry(KafkaLogLevel.INFO, 'ConsumerGroup', 'Consumer has joined the group', { groupId: 'g' }));
      expect(lines.map((l) => [l.level, l.namespace, l.msg])).toEqual([
        [PINO.error, 'Connection', 'Response Produce(key: 0, version: 7)'],
        [PINO.error, 'Consumer', 'Crash: KafkaJSNumberOfRetriesExceeded: ' + kafkaMessage('CONCURRENT_TRANSACTIONS')],
        [PINO.info, 'ConsumerGroup', 'Consumer has joined the group'],
      ]);
      expect(lines[0]).toMatchObject({ error: kafkaMessage('TOPIC_AUTHORIZATION_FAILED') });
      expect(lines[0].timestamp).toBeUndefined();
    });

    it('rate-limits an identical warning to one line per window plus one with the repeat count', () => {
      const { logger, lines } = capture();
      const router = new KafkajsLogRouter(logger, { windowMs: 5_000 });
      const warn = (i = 0) => router.route(entry(KafkaLogLevel.WARN, 'ConsumerGroup', 'Consumer is not aware of all assigned partitions, refreshing metadata', { groupId: 'g', retryCount: i }));
      for (let i = 0; i < 6; i++) warn(i);
      router.route(entry(KafkaLogLevel.WARN, 'ConsumerGroup', 'Consumer group received unsubscribed topics'));
      expect(lines.map((l) => [l.level, l.msg, l.repeated])).toEqual([
        [PINO.warn, 'Consumer is not aware of all assigned partitions, refreshing metadata', undefined],
        [PINO.warn, 'Consumer group received unsubscribed topics', undefined],
      ]);

      jest.advanceTimersByTime(5_000);
      expect(lines.slice(2).map((l) => [l.level, l.msg, l.repeated])).toEqual([
        [PINO.warn, 'Consumer is not aware of all assigned partitions, refreshing metadata', 5],
      ]);
      expect(lines[2].retryCount).toBe(5);
      warn();
      expect(lines).toHaveLength(4);
      expect(lines[3].repeated).toBeUndefined();
    });
  });
});

describe(RetriableBrokerAnswers.name, () => {
  describe('typeOf', () => {
    it('finds retried answers by the message kafkajs gives their code, and nothing else', () => {
      const answers = new RetriableBrokerAnswers([
        { type: 'CONCURRENT_TRANSACTIONS', code: 51, retriable: true, message: 'busy' },
        { type: 'TOPIC_AUTHORIZATION_FAILED', code: 29, retriable: false, message: 'denied' },
      ]);
      expect(answers.typeOf('Response AddPartitionsToTxn', 'busy')).toBe('CONCURRENT_TRANSACTIONS');
      expect(answers.typeOf('Failed to send messages: busy')).toBe('CONCURRENT_TRANSACTIONS');
      expect(answers.typeOf('Response Produce', 'denied')).toBeUndefined();
      expect(answers.typeOf('busy, or not')).toBeUndefined();
    });
  });
});
