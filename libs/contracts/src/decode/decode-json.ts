import { z } from 'zod';
import { Decoded, decoded, rejected } from './decode-result';
import { decodeUtf8 } from './decode-utf8';

/**
 * Decodes a record value as UTF-8 JSON validated by a zod schema.
 * @returns the typed value, or a rejection (`null-value`, `too-large`, `invalid-utf8`, `invalid-json`, `schema-invalid`)
 */
export function decodeJson<S extends z.ZodTypeAny>(value: Buffer | null, schema: S, maxBytes: number): Decoded<z.output<S>> {
  const text = decodeUtf8(value, maxBytes);
  if (!text.ok) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.value);
  } catch (e) {
    return rejected('invalid-json', `value is not JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(parsed);
  if (!r.success) return rejected('schema-invalid', formatZodError(r.error));
  return decoded(r.data);
}

/** One line per issue: `path: message`. */
export function formatZodError(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
