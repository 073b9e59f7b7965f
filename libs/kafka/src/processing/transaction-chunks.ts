import type { OutputRecord } from '@sluice/streaming';

/** Bytes of a v2 record batch header (magic 2: base offset ... record count), without records. */
export const RECORD_BATCH_OVERHEAD_BYTES = 61;

/**
 * Upper bound of the bytes one record takes inside a v2 record batch (uncompressed): key, value
 * and headers plus the worst case of their varint lengths, attributes and the timestamp and offset
 * deltas (Kafka's `DefaultRecord.sizeInBytes` computes the exact figure; this never undercounts).
 */
export function recordBytes(r: OutputRecord): number {
  let n = 5 + 1 + 10 + 5 + 5 + byteLength(r.key) + 5 + byteLength(r.value) + 5;
  for (const [k, v] of Object.entries(r.headers ?? {})) n += 5 + Buffer.byteLength(k) + 5 + Buffer.byteLength(v);
  return n;
}

function byteLength(v: string | Buffer | null): number {
  return v === null ? 0 : typeof v === 'string' ? Buffer.byteLength(v) : v.length;
}

/** Outputs of one transaction cut into produce requests, and the records no request can carry. */
export interface TransactionChunks {
  /** Records of each produce request, in the original order. */
  chunks: OutputRecord[][];
  /** Records larger than their topic's limit even alone in a record batch. */
  oversize: Array<{ record: OutputRecord; bytes: number; limit: number }>;
}

/**
 * Cuts the outputs of one micro-batch transaction into produce requests none of which exceeds the
 * broker's limit, so a large slide is committed in several requests of the one transaction.
 *
 * kafkajs 2.2.4 puts every record of one `send`/`sendBatch` call for a partition into a single
 * record batch, and the broker refuses a record batch above the topic's `max.message.bytes`
 * (MESSAGE_TOO_LARGE, not retriable). Bounding the bytes of a whole request (all partitions) by
 * the smallest limit of the topics in it bounds every record batch in it (and keeps the request
 * far below the broker's `socket.request.max.bytes`). Order within a partition is kept: chunks are
 * cut in record order and sent one after the other.
 *
 * @param limitFor largest record batch (bytes) a topic accepts (`max.message.bytes`)
 */
export function chunkTransaction(records: readonly OutputRecord[], limitFor: (topic: string) => number): TransactionChunks {
  const chunks: OutputRecord[][] = [];
  const oversize: TransactionChunks['oversize'] = [];
  let current: OutputRecord[] = [];
  let bytes = 0;
  let limit = Infinity;
  for (const record of records) {
    const size = recordBytes(record);
    const topicLimit = limitFor(record.topic);
    if (size + RECORD_BATCH_OVERHEAD_BYTES > topicLimit) {
      oversize.push({ record, bytes: size, limit: topicLimit });
      continue;
    }
    const nextLimit = Math.min(limit, topicLimit);
    if (current.length > 0 && bytes + size + RECORD_BATCH_OVERHEAD_BYTES > nextLimit) {
      chunks.push(current);
      current = [];
      bytes = 0;
      limit = topicLimit;
    } else {
      limit = nextLimit;
    }
    current.push(record);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return { chunks, oversize };
}
