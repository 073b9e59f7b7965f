import { DlqReason } from '../dlq-headers';

/**
 * Result of decoding one record at the edge of a service. A failure is a value, not an
 * exception: the caller routes it to the DLQ with `reason` and `detail` and keeps going.
 */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: DlqReason; detail: string };

export const decoded = <T>(value: T): Decoded<T> => ({ ok: true, value });
export const rejected = <T = never>(reason: DlqReason, detail: string): Decoded<T> => ({ ok: false, reason, detail });
