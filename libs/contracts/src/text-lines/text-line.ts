import { Decoded } from '../decode/decode-result';
import { decodeUtf8 } from '../decode/decode-utf8';

/**
 * `text-lines`: one UTF-8 line per record, no key (what kafka-console-producer writes).
 * Empty and whitespace-only lines are valid and yield no words.
 *
 * @throws never; a null, over-size or invalid UTF-8 value is a rejection for the DLQ.
 */
export function decodeTextLine(value: Buffer | null, maxBytes: number): Decoded<string> {
  return decodeUtf8(value, maxBytes);
}

/** Encodes a line for `text-lines`. */
export function encodeTextLine(line: string): Buffer {
  return Buffer.from(line, 'utf8');
}
