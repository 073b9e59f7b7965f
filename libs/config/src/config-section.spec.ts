import { ConfigError } from './config-error';
import { loadConfig } from './config-section';
import { kafkaConfig, processorConfig } from './sections';

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig({ kafka: kafkaConfig, processor: processorConfig }, {});
    expect(c.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(c.kafka.partitions).toBe(6);
    expect(c.processor.batchIntervalMs).toBe(1000);
    expect(c.processor.tokenizer).toBe('words');
    expect(c.processor.jobs).toEqual(['word-counts']);
  });

  it('parses set values', () => {
    const c = loadConfig({ processor: processorConfig }, { BATCH_INTERVAL_MS: '250', TOKENIZER: 'whitespace', JOBS: ' word-counts ' });
    expect(c.processor).toMatchObject({ batchIntervalMs: 250, tokenizer: 'whitespace', jobs: ['word-counts'] });
  });

  it('lists every invalid variable at once, naming the allowed values', () => {
    let error: unknown;
    try {
      loadConfig({ kafka: kafkaConfig, processor: processorConfig }, { BATCH_INTERVAL_MS: '10', TOKENIZER: 'nltk', TOPIC_PARTITIONS: 'six', JOBS: 'word-counts,pagerank' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('BATCH_INTERVAL_MS: must be an integer >= 50 and <= 3600000 (got "10")');
    expect(message).toContain('TOKENIZER: allowed values are words, whitespace (got "nltk")');
    expect(message).toContain('TOPIC_PARTITIONS: must be an integer');
    expect(message).toContain('unknown: pagerank');
    expect((error as ConfigError).problems).toHaveLength(4);
  });

  it('accepts the minimum batch interval of 50 ms', () => {
    expect(loadConfig({ p: processorConfig }, { BATCH_INTERVAL_MS: '50' }).p.batchIntervalMs).toBe(50);
  });
});
