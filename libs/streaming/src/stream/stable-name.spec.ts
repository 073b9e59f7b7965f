import { PipelineDefinitionError } from './pipeline-definition-error';
import { checkStableName } from './stable-name';

describe(checkStableName.name, () => {
  it('returns a name made of topic-safe characters', () => {
    expect(checkStableName('word-counts.windowed_1', 'operator')).toBe('word-counts.windowed_1');
  });

  it('rejects spaces, slashes, empty and over-long names, saying what was named', () => {
    expect(() => checkStableName('a b', 'operator')).toThrow(new PipelineDefinitionError('operator name "a b" is not a stable name: use 1-120 characters from A-Z a-z 0-9 . _ - (it becomes part of a Kafka topic name)'));
    expect(() => checkStableName('a/b', 'store')).toThrow('store name');
    expect(() => checkStableName('', 'operator')).toThrow(PipelineDefinitionError);
    expect(() => checkStableName('x'.repeat(121), 'operator')).toThrow(PipelineDefinitionError);
  });

  it('accepts exactly 120 characters', () => {
    expect(checkStableName('x'.repeat(120), 'operator')).toHaveLength(120);
  });
});
