import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './service-process';

export const QUIJOTE_PATH = path.resolve(REPO_ROOT, '../shared/data/don-quijote-pg2000.txt');

/** Lines of Don Quijote (BOM stripped, CRLF split), repeated until `count` lines. */
export function quijoteLines(count: number): string[] {
  if (!existsSync(QUIJOTE_PATH)) throw new Error(`Don Quijote text not found at ${QUIJOTE_PATH} (../shared/data)`);
  const all = readFileSync(QUIJOTE_PATH, 'utf8').replace(/^\ufeff/, '').split(/\r?\n/);
  const out: string[] = [];
  while (out.length < count) out.push(...all.slice(0, count - out.length));
  return out;
}
