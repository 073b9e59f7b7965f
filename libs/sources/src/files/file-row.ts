import type { DlqReason } from '@sluice/contracts';

/** The formats of landing files the `files` source reads. */
export const FILE_FORMATS = ['ndjson', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/**
 * One row of a landing file, parsed: where it is (`line`, the 1-based line where it starts, and
 * `endLine`, where it ends), its text as in the file (`raw`, the dead letter's value when it is
 * bad), and either the row as an object with the JSON to publish, or why it is refused.
 */
export type FileRow = { line: number; endLine: number; raw: string } & (
  | { ok: true; object: Record<string, unknown>; json: string }
  | { ok: false; reason: DlqReason; detail: string }
);
