import { FileRow } from './file-row';

/**
 * The rows of an NDJSON text (JSON Lines: one JSON object per line), as GH Archive's hourly files
 * hold them.
 *
 * Semantics: lines end at `\n` (a trailing `\r` is dropped, so is a byte-order mark at the start);
 * empty and whitespace-only lines are skipped; a line that is not JSON is refused as
 * `invalid-json`, and JSON that is not an object (an array, a string, `null`) as `not-an-object`.
 * The JSON published is the line as it is (not re-serialised), so the bronze layer keeps the raw
 * event byte for byte, integers beyond 2^53 included.
 */
export function* ndjsonRows(input: string): Generator<FileRow> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let line = 0;
  let start = 0;
  while (start < text.length) {
    line++;
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    start = end + 1;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (e) {
      yield { line, endLine: line, raw, ok: false, reason: 'invalid-json', detail: `line ${line} is not JSON: ${(e as Error).message}` };
      continue;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : `a ${typeof parsed}`;
      yield { line, endLine: line, raw, ok: false, reason: 'not-an-object', detail: `line ${line} is ${what}, not a JSON object` };
      continue;
    }
    yield { line, endLine: line, raw, ok: true, object: parsed as Record<string, unknown>, json: trimmed };
  }
}
