import { readFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@sluice/config';
import { REPO_ROOT } from './service-process';

/** The native stack's folder: `SLUICE_STACK_DIR`, else `<repo>/.stack`. */
export const STACK_DIR = processEnv().SLUICE_STACK_DIR ?? path.join(REPO_ROOT, '.stack');

/**
 * The pid of a server the stack scripts started, from `$STACK_DIR/run/<server>.pid` (first line:
 * the pid; second line, when present: its start time, see scripts/stack/lib.sh `is_running`).
 * @throws Error when the pid file is missing or holds no pid
 */
export function stackServerPid(server: string): number {
  const file = path.join(STACK_DIR, 'run', `${server}.pid`);
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  if (!Number.isInteger(pid) || pid <= 1) throw new Error(`no valid pid in ${file}`);
  return pid;
}
