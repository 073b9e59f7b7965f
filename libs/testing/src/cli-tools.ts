import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './service-process';

function exitOf(child: ReturnType<typeof spawn>): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
}

/**
 * Types lines into the real `kafka-console-producer` (through the stack's kafka-tool.sh), as a
 * person would. @returns the tool's exit code (0 = every line was sent)
 */
export function typeIntoConsoleProducer(topic: string, lines: readonly string[]): Promise<number | null> {
  const child = spawn('bash', [path.join(REPO_ROOT, 'scripts/stack/kafka-tool.sh'), 'console-producer', '--topic', topic], { cwd: REPO_ROOT, stdio: ['pipe', 'ignore', 'inherit'] });
  for (const line of lines) child.stdin.write(`${line}\n`);
  child.stdin.end();
  return exitOf(child);
}

/** Runs the built producer CLI (`dist/apps/producer/main.js <args>`). @returns its exit code */
export function runProducerCli(args: readonly string[], env: Record<string, string> = {}): Promise<number | null> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps/producer/main.js'), ...args], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, ...env } });
  return exitOf(child);
}
