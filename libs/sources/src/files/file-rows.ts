import { csvRows } from './csv-rows';
import { CsvSchema } from './csv-schema';
import { FileFormat, FileRow } from './file-row';
import { ndjsonRows } from './ndjson-rows';

/**
 * The rows of a landing file's text in the given format ({@link ndjsonRows}, {@link csvRows}),
 * lazily, in file order; `schema` applies to CSV only.
 */
export function fileRows(text: string, format: FileFormat, schema?: CsvSchema): Generator<FileRow> {
  return format === 'csv' ? csvRows(text, schema) : ndjsonRows(text);
}
