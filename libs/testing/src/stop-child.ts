import type { ChildProcess } from 'node:child_process';

/**
 * Sends `signal` to a child process and waits until it has exited (its stdio closed), sending
 * SIGKILL after `timeoutMs` (ms) if it has not.
 * @param exited resolves with the exit code (null when killed by a signal) once the child closed
 * @returns the exit code; the code it already exited with when it was not running
 */
export async function stopChild(child: ChildProcess | undefined, exited: Promise<number | null>, signal: NodeJS.Signals, timeoutMs: number): Promise<number | null> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  try {
    return await exited;
  } finally {
    clearTimeout(timer);
  }
}
