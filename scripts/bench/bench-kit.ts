/** Small helpers shared by the benchmarks (figures printed as a table and one JSON line). */
import type { Admin } from 'kafkajs';

/** The q-quantile (0..1) of `values` (nearest rank). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Prints rows as an aligned two-column table on stdout. */
export function printTable(title: string, rows: Array<[string, string | number]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`\n${title}\n${'-'.repeat(title.length)}\n`);
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${typeof v === 'number' ? fmt(v) : v}\n`);
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Records of `topic` a consumer group has committed: the committed offsets summed over partitions (none = 0). */
export async function committedRecords(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [t] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return t.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
}
