import type { z } from 'zod';
import type { Decoded } from '../decode/decode-result';
import { decodeJson } from '../decode/decode-json';
import type { CleanupPolicy } from '../topics';
import type { ResultStores } from './result-stores';

/**
 * The contract of a result topic: its name, **one** zod schema (the type is `z.infer` of it), the
 * record key of a result and one codec pair. Values are UTF-8 JSON of absolute results (never
 * deltas), so every writer upserts idempotently by key.
 *
 * @typeParam S the value schema
 */
export interface ResultContract<S extends z.ZodTypeAny> {
  readonly topic: string;
  readonly schema: S;
  /** The record key of a result; a writer refuses a record whose key differs (`schema-invalid`). */
  keyOf(result: z.infer<S>): string;
  /** The record of a result: its key and its UTF-8 JSON value. */
  encode(result: z.infer<S>): { key: string; value: Buffer };
  /**
   * Decodes a record value.
   * @returns the result, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`) for the DLQ
   */
  decode(value: Buffer | null, maxBytes: number): Decoded<z.infer<S>>;
  /** How each writer keeps the result (see {@link ResultStores}); absent: routed in libs/writers. */
  readonly stores?: ResultStores<z.infer<S>>;
  /**
   * The topic's `cleanup.policy` (`compact` for running results, `compact,delete` for windowed ones,
   * so that the topic stays a table a store can be rebuilt from); absent: Kafka's default (`delete`).
   */
  readonly cleanup?: CleanupPolicy;
}

/** Declares a {@link ResultContract} from its topic, schema and key. */
export function resultContract<S extends z.ZodTypeAny>(o: {
  topic: string;
  schema: S;
  keyOf: (result: z.infer<S>) => string;
  stores?: ResultStores<z.infer<S>>;
  cleanup?: CleanupPolicy;
}): ResultContract<S> {
  return {
    topic: o.topic,
    stores: o.stores,
    cleanup: o.cleanup,
    schema: o.schema,
    keyOf: o.keyOf,
    encode: (result) => ({ key: o.keyOf(result), value: Buffer.from(JSON.stringify(result)) }),
    decode: (value, maxBytes) => decodeJson(value, o.schema, maxBytes) as Decoded<z.infer<S>>,
  };
}

/** A result contract of any schema (what a job lists as its outputs). */
export type AnyResultContract = ResultContract<z.ZodTypeAny>;
