import { z } from 'zod';

/** The column types a CSV schema can give (Spark's CSV reader names: string, int, float, boolean, timestamp). */
export const CSV_TYPES = ['string', 'int', 'float', 'bool', 'timestamp'] as const;
export const csvTypeSchema = z.enum(CSV_TYPES);
export type CsvType = z.infer<typeof csvTypeSchema>;

/** One column of a CSV schema: its header name and its type. */
export const csvColumnSchema = z.object({
  name: z.string().min(1, 'a column needs a name'),
  type: csvTypeSchema,
});

/** A CSV schema: the typed columns, by header name, in the order given; names are unique. */
export const csvSchemaSchema = z
  .array(csvColumnSchema)
  .min(1, 'name at least one column')
  .superRefine((columns, ctx) => {
    const seen = new Set<string>();
    for (const c of columns) {
      if (seen.has(c.name)) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `column ${c.name} is named twice` });
      seen.add(c.name);
    }
  });
export type CsvSchema = z.infer<typeof csvSchemaSchema>;

/**
 * Parses the `--csv-schema` text: `name:type` pairs separated by commas, e.g.
 * `id:int,name:string,score:float,active:bool,at:timestamp`. Spaces around names and types are
 * ignored; a pair without `:type` is a string column.
 * @throws Error listing every problem (unknown type, empty or repeated name)
 */
export function parseCsvSchema(spec: string): CsvSchema {
  const columns = spec
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const colon = pair.lastIndexOf(':');
      return colon < 0 ? { name: pair, type: 'string' } : { name: pair.slice(0, colon).trim(), type: pair.slice(colon + 1).trim() };
    });
  const parsed = csvSchemaSchema.safeParse(columns);
  if (!parsed.success) {
    const problems = parsed.error.issues.filter((i) => i.code !== z.ZodIssueCode.custom).map((i) => (i.path.length ? `column ${Number(i.path[0]) + 1}: ${i.message}` : i.message));
    // The refinement does not run when a column is invalid: repeated names are found here for the same one message.
    const names = columns.map((c) => c.name).filter(Boolean);
    problems.push(...[...new Set(names.filter((n, i) => names.indexOf(n) !== i))].map((n) => `column ${n} is named twice`));
    throw new Error(`invalid CSV schema ${JSON.stringify(spec)}: ${problems.join('; ')} (types: ${CSV_TYPES.join(', ')})`);
  }
  return parsed.data;
}

/** A coerced value, or why the text is not of the type. */
export type Coerced = { ok: true; value: string | number | boolean | null } | { ok: false; detail: string };

const INT = /^[+-]?\d+$/;
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Converts the text of a CSV field to its column's type.
 * - `string`: the text as it is (an empty field is `""`);
 * - `int`: an optional sign and digits, within ±2^53 (JSON numbers beyond lose digits);
 * - `float`: a decimal number with an optional exponent (`1.5`, `-2e3`, `.5`); not `NaN`/`Infinity`;
 * - `bool`: `true` or `false`, any case;
 * - `timestamp`: ISO-8601 `YYYY-MM-DD`, optionally `Thh:mm[:ss[.fraction]]` (or a space for the
 *   `T`) and a zone (`Z`, `±hh:mm`); without a zone it is UTC. Published as the ISO string in UTC
 *   with milliseconds (`2021-07-21T06:00:00.000Z`).
 * An empty field of a type other than `string` is `null` (Spark's default `nullValue`).
 */
export function coerceCsvValue(text: string, type: CsvType): Coerced {
  if (type === 'string') return { ok: true, value: text };
  if (text === '') return { ok: true, value: null };
  const bad = (what: string): Coerced => ({ ok: false, detail: `${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)} is not ${what}` });
  switch (type) {
    case 'int': {
      const v = INT.test(text) ? Number(text) : NaN;
      return Number.isSafeInteger(v) ? { ok: true, value: v } : bad('an int');
    }
    case 'float':
      return FLOAT.test(text) && Number.isFinite(Number(text)) ? { ok: true, value: Number(text) } : bad('a float');
    case 'bool': {
      const lower = text.toLowerCase();
      return lower === 'true' || lower === 'false' ? { ok: true, value: lower === 'true' } : bad('a bool (true or false)');
    }
    case 'timestamp': {
      const m = TIMESTAMP.exec(text);
      if (!m) return bad('an ISO-8601 timestamp');
      const [, y, mo, d, h = '00', mi = '00', s = '00'] = m;
      const zone = m[7] ?? 'Z';
      const fraction = /\.(\d+)/.exec(text.slice(10))?.[1];
      const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction ? `.${fraction.slice(0, 3).padEnd(3, '0')}` : ''}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`;
      const t = Date.parse(iso);
      // Date.parse rolls 2021-02-30 over to March; a date that does not survive the round trip is not a date.
      const sameDay = Number.isFinite(t) && new Date(Date.UTC(+y, +mo - 1, +d)).toISOString().slice(0, 10) === `${y}-${mo}-${d}`;
      return sameDay && +h < 24 && +mi < 60 && +s < 60 ? { ok: true, value: new Date(t).toISOString() } : bad('an ISO-8601 timestamp');
    }
  }
}
