/**
 * One record of a CSV text: where it is (`line`, 1-based, where it starts; `endLine`, where it
 * ends, later when a quoted field holds line breaks), its text as in the file (`raw`, without the
 * line end), and its fields, or why it could not be split.
 */
export type CsvRecord = { line: number; endLine: number; raw: string } & ({ fields: string[]; error?: undefined } | { fields?: undefined; error: string });

/**
 * Splits a CSV text into records, as RFC 4180 describes them (and Spark's CSV reader with its
 * defaults: separator `,`, quote `"`, escape `"`).
 *
 * Semantics:
 * - Fields are separated by `,`, records by `\n` or `\r\n`; a byte-order mark at the start is
 *   dropped. Empty lines between records are skipped (no record), as Spark skips them.
 * - A field that starts with `"` is quoted: it ends at the next lone `"`; `""` inside stands for
 *   one `"`, and commas and line breaks inside belong to the field (the record then spans lines).
 * - A `"` inside an unquoted field is an ordinary character (`5" disk` stays `5" disk`).
 * - Malformed quoting is reported per record, never thrown: a character other than `,` or a line
 *   end after a closing quote (the rest of that line belongs to the bad record), or a quoted
 *   field still open at the end of the text (the bad record then runs to the end).
 *
 * @example
 * [...parseCsv('id,text\n1,"a, ""b""\nc"\n')]
 * // [{ line: 1, endLine: 1, raw: 'id,text', fields: ['id', 'text'] },
 * //  { line: 2, endLine: 3, raw: '1,"a, ""b""\nc"', fields: ['1', 'a, "b"\nc'] }]
 */
export function* parseCsv(input: string): Generator<CsvRecord> {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const n = text.length;
  let i = 0;
  let line = 1;
  /** Length of the line end at `at` (0 when there is none). */
  const lineEnd = (at: number) => (text[at] === '\n' ? 1 : text[at] === '\r' && text[at + 1] === '\n' ? 2 : 0);

  while (i < n) {
    const blank = lineEnd(i);
    if (blank) {
      i += blank;
      line++;
      continue;
    }
    const start = i;
    const startLine = line;
    const fields: string[] = [];
    let error: string | undefined;
    for (;;) {
      if (text[i] === '"') {
        let value = '';
        let closed = false;
        for (i++; i < n; i++) {
          if (text[i] === '"') {
            if (text[i + 1] !== '"') {
              closed = true;
              i++;
              break;
            }
            value += '"';
            i++;
          } else {
            if (text[i] === '\n') line++;
            value += text[i];
          }
        }
        fields.push(value);
        if (!closed) {
          error = `a quoted field opened on line ${startLine} is not closed before the end of the file`;
          break;
        }
        if (i < n && text[i] !== ',' && !lineEnd(i)) {
          error = `unexpected character ${JSON.stringify(text[i])} after a closing quote on line ${line}`;
          while (i < n && !lineEnd(i)) i++;
          break;
        }
      } else {
        let j = i;
        while (j < n && text[j] !== ',' && !lineEnd(j)) j++;
        fields.push(text.slice(i, j));
        i = j;
      }
      if (text[i] !== ',') break;
      i++;
    }
    const end = i;
    const endLine = line;
    const eol = lineEnd(i);
    if (eol) {
      i += eol;
      line++;
    }
    const raw = text.slice(start, end);
    yield error === undefined ? { line: startLine, endLine, raw, fields } : { line: startLine, endLine, raw, error };
  }
}
