import { Decoded, decoded, rejected } from './decode-result';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Decodes a record value as strict UTF-8 within a size limit.
 *
 * @param value record value bytes (null for a tombstone)
 * @param maxBytes largest accepted value, in bytes
 * @returns the text (a leading BOM removed), or `null-value` / `too-large` / `invalid-utf8`
 */
export function decodeUtf8(value: Buffer | null, maxBytes: number): Decoded<string> {
  if (value === null) return rejected('null-value', 'record value is null');
  if (value.length > maxBytes) {
    return rejected('too-large', `record value is ${value.length} bytes, over the maximum of ${maxBytes} bytes (MAX_RECORD_BYTES)`);
  }
  try {
    return decoded(strictUtf8.decode(value));
  } catch {
    return rejected('invalid-utf8', 'record value is not valid UTF-8');
  }
}
