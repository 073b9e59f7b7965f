import { PipelineDefinitionError } from './pipeline-definition-error';

/** Characters Kafka accepts in a topic name, which a store name becomes part of. */
const STABLE_NAME = /^[A-Za-z0-9._-]{1,120}$/;

/**
 * Checks a stable operator or store name given by the caller.
 *
 * Stable names are never generated: they name the state stores and, through them, the
 * changelog topics `<applicationId>-<store>-changelog` (Kafka Streams names internal topics
 * the same way), so renaming one loses the state kept under the old name.
 * A name uses only the characters legal in a Kafka topic name (`A-Z a-z 0-9 . _ -`) and is at
 * most 120 characters long, leaving room for the application id and suffixes within Kafka's
 * 249-character limit.
 *
 * @returns the name, unchanged
 * @throws PipelineDefinitionError when the name is empty, too long or has other characters
 */
export function checkStableName(name: string, what: string): string {
  if (!STABLE_NAME.test(name)) {
    throw new PipelineDefinitionError(
      `${what} name ${JSON.stringify(name)} is not a stable name: use 1-120 characters from A-Z a-z 0-9 . _ - (it becomes part of a Kafka topic name)`,
    );
  }
  return name;
}
