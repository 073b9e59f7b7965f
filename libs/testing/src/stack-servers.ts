import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './service-process';

/** A server of the native stack (scripts/stack/components/<name>.sh); the `-auth` ones start only when named. */
export type StackComponent = 'kafka' | 'redis' | 'cassandra' | 'mongo' | 'influx' | 'cassandra-auth' | 'influx-auth';

/**
 * Stops or starts one server of the native stack through the project's scripts (idempotent: `up`
 * of a running server returns once it is ready). The scripts use `SLUICE_STACK_DIR` of this process.
 * @throws the child's error when the script fails (its output is on this process's stdio)
 */
export function stackServer(component: StackComponent, action: 'up' | 'down'): void {
  execFileSync('bash', [path.join(REPO_ROOT, `scripts/stack/${action}.sh`), component], { stdio: 'inherit' });
}

/** True when `npm run stack:status -- <component>` finds the server ready (a real request, see scripts/stack/probe.js). */
export function stackServerReady(component: StackComponent): boolean {
  try {
    execFileSync('bash', [path.join(REPO_ROOT, 'scripts/stack/status.sh'), component], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
