import type { ResultContract } from '@sluice/contracts';
import type { OutputRecord } from '@sluice/streaming';
import type { z } from 'zod';

/** The record a job publishes for a result: on the contract's topic, with its key and JSON value. */
export function resultRecord<S extends z.ZodTypeAny>(contract: ResultContract<S>, result: z.infer<S>): OutputRecord {
  return { topic: contract.topic, ...contract.encode(result) };
}
