/** The fields kafkajs errors carry that the classifiers read. */
export interface KafkaErrorNode {
  name?: unknown;
  type?: unknown;
  retriable?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
}

/**
 * Every error inside a kafkajs error, depth first: the error itself, the `errors` of an aggregate
 * (`KafkaJSAggregateError`, one per topic of a CreateTopics), then its `cause` (the original
 * error wrapped by `KafkaJSNumberOfRetriesExceeded`, `KafkaJSNonRetriableError`, ...). Each object
 * is yielded once, so a cyclic chain ends.
 */
export function* kafkaErrorChain(error: unknown, seen = new Set<unknown>()): Generator<KafkaErrorNode> {
  if (error === null || typeof error !== 'object' || seen.has(error)) return;
  seen.add(error);
  const node = error as KafkaErrorNode;
  yield node;
  if (Array.isArray(node.errors)) for (const inner of node.errors) yield* kafkaErrorChain(inner, seen);
  yield* kafkaErrorChain(node.cause, seen);
}
