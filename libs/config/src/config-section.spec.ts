import { ConfigError } from './config-error';
import { loadConfig } from './config-section';
import { kafkaConfig, processorConfig, writerConfig } from './sections';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({ kafka: kafkaConfig, processor: processorConfig }, {});
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafka.partitions).toBe(6);
    expect(c.processor.batchIntervalMs).toBe(1000);
    expect(c.processor.groupId).toBe('sluice-processor');
  });

  it('parses set values', () => {
    const c = loadConfig({ processor: processorConfig }, { BATCH_INTERVAL_MS: '250', PROCESSOR_GROUP_ID: 'g' });
    expect(c.processor).toMatchObject({ batchIntervalMs: 250, groupId: 'g' });
  });

  it('lists every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({ kafka: kafkaConfig, processor: processorConfig }, { BATCH_INTERVAL_MS: '10', TOPIC_PARTITIONS: 'six' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('BATCH_INTERVAL_MS: must be an integer >= 50 and <= 3600000 (got "10")');
    expect(message).toContain('TOPIC_PARTITIONS: must be an integer');
    expect((error as ConfigError).problems).toHaveLength(2);
  });

  it('accepts the minimum batch interval of 50 ms', () => {
    expect(loadConfig({ p: processorConfig }, { BATCH_INTERVAL_MS: '50' }).p.batchIntervalMs).toBe(50);
  });
});

describe('writer settings', () => {
  const topics = ['word-counts', 'signal-stats'] as const;

  it('reads every topic of the store by default and a subset when WRITER_TOPICS names one', () => {
    expect(loadConfig({ w: writerConfig('mongo', topics) }, {}).w.topics).toEqual(['word-counts', 'signal-stats']);
    expect(loadConfig({ w: writerConfig('mongo', topics) }, { WRITER_TOPICS: 'signal-stats' }).w.topics).toEqual(['signal-stats']);
  });

  it('refuses a topic the store does not keep, naming the allowed ones', () => {
    expect(() => loadConfig({ w: writerConfig('mongo', topics) }, { WRITER_TOPICS: 'signals' })).toThrow('WRITER_TOPICS: allowed values are word-counts, signal-stats; unknown: signals');
  });
});
