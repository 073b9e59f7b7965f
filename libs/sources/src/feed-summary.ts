import type { TransactionalFeedResult } from './transactional-feed';

/** What a text feed tells its user at the end (the CLI prints it as one JSON line). */
export interface FeedSummary {
  status: TransactionalFeedResult['status'];
  source: string;
  file?: string;
  /** Lines of this run acknowledged by Kafka (committed). */
  sent: number;
  /** Lines of this run not sent; undefined when the source's length is unknown (stdin). */
  notSent?: number;
  /** Lines whose transaction got no answer: committed or not, a `--resume` finds out. */
  inDoubt: number;
  /** Index (0-based, counting on across repetitions) of the first line not known to be committed. */
  committedLine: number;
  /** Where the feed stopped (1-based line of the file) when it did not finish. */
  stoppedAt?: { file?: string; line: number };
  error?: string;
  seconds: number;
  linesPerSecond: number;
}

/**
 * Counts a feed's outcome.
 * @param endLine index after the last line the run was to send (undefined = unknown, stdin)
 * @param sourceLength lines of the source, to name the file line of a repeated source
 */
export function summarizeFeed(
  r: TransactionalFeedResult,
  s: { source: string; file?: string; endLine?: number; sourceLength?: number },
): FeedSummary {
  const sent = r.committedLine - r.startLine;
  const stopped = r.status !== 'done';
  return {
    status: r.status,
    source: s.source,
    ...(s.file ? { file: s.file } : {}),
    sent,
    notSent: s.endLine === undefined ? undefined : Math.max(0, s.endLine - r.committedLine - r.inDoubt),
    inDoubt: r.inDoubt,
    committedLine: r.committedLine,
    ...(stopped ? { stoppedAt: { file: s.file, line: (s.sourceLength ? r.committedLine % s.sourceLength : r.committedLine) + 1 } } : {}),
    ...(r.error !== undefined ? { error: (r.error as Error)?.message ?? String(r.error) } : {}),
    seconds: r.seconds,
    linesPerSecond: sent / r.seconds,
  };
}

/** One sentence for a person: the counts, and where it stopped and how to go on. */
export function describeFeed(s: FeedSummary): string {
  const counts = `sent ${s.sent} lines (acknowledged) in ${s.seconds.toFixed(2)} s, ${Math.round(s.linesPerSecond)} lines/s; not sent: ${s.notSent ?? 'unknown'}`;
  const doubt = s.inDoubt ? `; in doubt: ${s.inDoubt} (their transaction got no answer)` : '';
  if (!s.stoppedAt) return counts + doubt;
  const where = `${s.stoppedAt.file ?? s.source} line ${s.stoppedAt.line}`;
  const why = s.status === 'gave-up' ? `gave up (${s.error ?? 'unknown error'})` : 'stopped';
  return `${why}: ${counts}${doubt}; stopped at ${where}${s.file ? '; run again with --resume to continue there' : ''}`;
}
