/** A record value or key made safe to show: printable text, or hex for bytes that are not UTF-8. */
export interface SafeValue {
  /** `null` = the record had none; `hex` = not valid UTF-8. */
  encoding: 'utf8' | 'hex' | 'null';
  text: string;
  /** Size of the original (bytes). */
  bytes: number;
  /** True when `text` shows only the first bytes. */
  truncated: boolean;
}

/** Bytes of a value shown at most (a longer one is cut and marked). */
export const SAFE_VALUE_MAX_BYTES = 256;

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns bytes into something a page can show as text without surprises: valid UTF-8 with its
 * control and invisible formatting characters escaped (`\n`, `\u0000`, `\u202e`), anything else
 * as hex; at most `maxBytes` bytes, marked `truncated`. The page still inserts it as text (never
 * as HTML). Pure.
 */
export function safeValue(value: Buffer | Uint8Array | string | null | undefined, maxBytes = SAFE_VALUE_MAX_BYTES): SafeValue {
  if (value === null || value === undefined) return { encoding: 'null', text: '', bytes: 0, truncated: false };
  const buf = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const truncated = buf.length > maxBytes;
  let head = truncated ? buf.subarray(0, maxBytes) : buf;
  let text: string | undefined = tryUtf8(head);
  // A cut may split a multi-byte character: back off up to 3 bytes before calling it binary.
  for (let back = 1; text === undefined && truncated && back <= 3; back++) {
    head = buf.subarray(0, maxBytes - back);
    text = tryUtf8(head);
  }
  if (text === undefined) return { encoding: 'hex', text: head.toString('hex').replace(/(..)(?!$)/g, '$1 '), bytes: buf.length, truncated };
  return { encoding: 'utf8', text: escapeInvisible(text), bytes: buf.length, truncated };
}

function tryUtf8(b: Uint8Array): string | undefined {
  try {
    return decoder.decode(b);
  } catch {
    return undefined;
  }
}

/** Escapes C0/C1 controls, bidi overrides and zero-width characters as `\n`, `\t` or `\uXXXX`. */
export function escapeInvisible(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff\\]/g, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
