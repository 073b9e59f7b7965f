/**
 * What a run of the files source tells its user at the end (the CLI prints it as one JSON line).
 * Counts are of this run; each file is counted once per run in `skipped`, `changed` and `unstable`
 * however many triggers saw it.
 */
export interface FilesSummary {
  /** `done`: `--once` found nothing left; `stopped`: Ctrl-C/SIGTERM; `gave-up`: see `error`. */
  status: 'done' | 'stopped' | 'gave-up';
  /** Files whose last row this run committed (a file resumed after a crash counts too). */
  files: number;
  /** Records published to the topic (committed). */
  records: number;
  /** Rows published to `<topic>.dlq` (committed). */
  deadLetters: number;
  /** Files already ingested with the same size and mtime (their checkpoint says so), not read. */
  skipped: number;
  /** Files whose size or mtime changed after they were (partly) ingested: reported, not read. */
  changed: number;
  /** Files moved to `--archive` (ingested now, or skipped ones a crash left in landing). */
  archived: number;
  /** Files left for a later trigger because their size or mtime moved while they were read. */
  unstable: number;
  /** Rows whose transaction got no answer when the run gave up or stopped: the next run's checkpoint read settles them. */
  inDoubt: number;
  triggers: number;
  seconds: number;
  error?: string;
}

/** One sentence for a person: the counts, and why it stopped when it did not finish. */
export function describeFiles(s: FilesSummary): string {
  const counts =
    `ingested ${s.files} files (${s.records} records, ${s.deadLetters} dead letters) in ${s.seconds.toFixed(2)} s over ${s.triggers} triggers; ` +
    `skipped ${s.skipped} already ingested, ${s.changed} changed since ingestion, ${s.unstable} still being written; archived ${s.archived}`;
  const doubt = s.inDoubt ? `; in doubt: ${s.inDoubt} rows (their transaction got no answer; the next run settles them)` : '';
  if (s.status === 'gave-up') return `gave up (${s.error ?? 'unknown error'}): ${counts}${doubt}`;
  return `${s.status === 'stopped' ? 'stopped: ' : ''}${counts}${doubt}`;
}
