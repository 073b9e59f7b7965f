import { parseCsv } from './csv-parser';
import { coerceCsvValue, CsvSchema, CsvType } from './csv-schema';
import { FileRow } from './file-row';

/**
 * The rows of a CSV text with a header row, as objects keyed by the header's names (see
 * {@link parseCsv} for the splitting rules).
 *
 * Semantics:
 * - The first record is the header; each later record is one row. An empty header name becomes
 *   `_c<index>` (0-based, as Spark names unnamed columns).
 * - Types come from `schema` by column name (see {@link coerceCsvValue}); a column the schema does
 *   not name, and every column without a schema, is a string. A schema column the header lacks is
 *   simply absent from the rows.
 * - Refused rows (never thrown): a field count other than the header's → `csv-column-count`; a
 *   value that is not of its type → `csv-type` (the detail names every such column); broken
 *   quoting → `csv-malformed`. A header that is malformed or repeats a name makes every row of the
 *   file `csv-malformed` (and the header itself too), since no row can be read without it.
 * - The published JSON is `JSON.stringify` of the row, keys in header order.
 */
export function* csvRows(text: string, schema?: CsvSchema): Generator<FileRow> {
  const types = new Map<string, CsvType>((schema ?? []).map((c) => [c.name, c.type]));
  let header: { names: string[]; types: CsvType[] } | undefined;
  let headerProblem: string | undefined;
  for (const record of parseCsv(text)) {
    const at = { line: record.line, endLine: record.endLine, raw: record.raw };
    if (!header && headerProblem === undefined) {
      const names = record.fields?.map((f, i) => f.trim() || `_c${i}`);
      const repeated = names?.find((name, i) => names.indexOf(name) !== i);
      headerProblem = record.error ?? (repeated !== undefined ? `column ${JSON.stringify(repeated)} is named twice` : undefined);
      if (headerProblem === undefined) {
        header = { names: names!, types: names!.map((name) => types.get(name) ?? 'string') };
        continue;
      }
      yield { ...at, ok: false, reason: 'csv-malformed', detail: `the header row (line ${record.line}) is malformed: ${headerProblem}` };
      continue;
    }
    if (!header) {
      yield { ...at, ok: false, reason: 'csv-malformed', detail: `no usable header row (${headerProblem})` };
      continue;
    }
    if (record.error !== undefined) {
      yield { ...at, ok: false, reason: 'csv-malformed', detail: `row on line ${record.line}: ${record.error}` };
      continue;
    }
    if (record.fields.length !== header.names.length) {
      yield { ...at, ok: false, reason: 'csv-column-count', detail: `row on line ${record.line} has ${record.fields.length} fields, the header ${header.names.length}` };
      continue;
    }
    const object: Record<string, unknown> = {};
    const problems: string[] = [];
    record.fields.forEach((field, i) => {
      const coerced = coerceCsvValue(field, header!.types[i]);
      if (coerced.ok) object[header!.names[i]] = coerced.value;
      else problems.push(`column ${header!.names[i]} (${header!.types[i]}): ${coerced.detail}`);
    });
    if (problems.length) yield { ...at, ok: false, reason: 'csv-type', detail: `row on line ${record.line}: ${problems.join('; ')}` };
    else yield { ...at, ok: true, object, json: JSON.stringify(object) };
  }
}
