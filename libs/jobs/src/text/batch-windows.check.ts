import type { ConfigProblem, ProcessorConfig } from '@sluice/config';

/** A processing-time window length or slide must be a multiple of `BATCH_INTERVAL_MS` (Spark refuses it otherwise). */
export function multipleOfBatchInterval(variable: string, value: number, p: ProcessorConfig): ConfigProblem[] {
  return value % p.batchIntervalMs === 0 ? [] : [{ variable, message: `must be a multiple of BATCH_INTERVAL_MS (${p.batchIntervalMs} ms)`, received: String(value) }];
}
