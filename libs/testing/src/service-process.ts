import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@sluice/config';
import { freePort } from './free-port';
import { stopChild } from './stop-child';
import { waitFor } from './wait-for';
import { TEST_BROKERS } from './test-endpoints';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const TEST_LOG_DIR = path.join(REPO_ROOT, '.stack', 'logs', 'tests');

/**
 * A built Sluice service (`dist/apps/<app>/main.js`) run as a child process, as in production:
 * its own env, its own HTTP port, stdout/stderr to `.stack/logs/tests/<name>.log`.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  port = 0;

  constructor(readonly app: string, readonly name: string, private readonly env: Record<string, string>) {}

  /** Where the service's stdout and stderr go. */
  get logFile(): string {
    return path.join(TEST_LOG_DIR, `${this.name}.log`);
  }

  /**
   * Starts the service and waits until `GET /health` answers 200 (Kafka and store ready).
   * @throws at once when the process exits first (with the end of its log, so a CI run shows
   * why), or after `timeoutMs`
   */
  async start(timeoutMs = 120000): Promise<this> {
    this.port = await freePort();
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const log = createWriteStream(this.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps', this.app, 'main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: processEnv().PATH ?? '', LOG_LEVEL: 'info', KAFKA_BROKERS: TEST_BROKERS, ...this.env, HTTP_PORT: String(this.port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Both streams feed one file: it is ended once, when the process and its stdio have closed.
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((resolve) => child.on('close', (code) => log.end(() => resolve(code))));
    let code: number | null | undefined;
    void this.exited.then((c) => (code = c));
    const healthy = waitFor(`${this.name} /health`, async () => {
      if (code !== undefined) return 'exited';
      const r = await fetch(`http://127.0.0.1:${this.port}/health`).catch(() => undefined);
      return r?.ok ? 'healthy' : undefined;
    }, { timeoutMs, intervalMs: 250 });
    if ((await healthy) === 'exited') {
      throw new Error(`${this.name} exited with code ${code} while starting; the end of ${this.logFile}:\n${this.logTail(30)}`);
    }
    return this;
  }

  /** The process id (undefined before start). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Resolves with the exit code (null when killed by a signal) once the process and its stdio have closed. */
  get whenExited(): Promise<number | null> {
    return this.exited;
  }

  /** The last `lines` lines of the service's log, each cut at 600 characters. */
  logTail(lines: number): string {
    try {
      return readFileSync(this.logFile, 'utf8').trimEnd().split('\n').slice(-lines).map((l) => l.slice(0, 600)).join('\n');
    } catch {
      return '(no log)';
    }
  }

  /** The service's pino log records so far, in order, only those with message `msg` when given (lines that are not JSON are left out). */
  logRecords(msg?: string): Array<Record<string, unknown>> {
    let text = '';
    try {
      text = readFileSync(this.logFile, 'utf8');
    } catch {
      return [];
    }
    const records: Array<Record<string, unknown>> = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const r = JSON.parse(line) as Record<string, unknown>;
        if (msg === undefined || r.msg === msg) records.push(r);
      } catch {
        // a line cut by a kill
      }
    }
    return records;
  }

  /** Sends a signal and waits for the process to exit. @returns the exit code (null when killed by a signal) */
  stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60000): Promise<number | null> {
    return stopChild(this.child, this.exited, signal, timeoutMs);
  }

  /** Kills with SIGKILL: no shutdown hook runs, in-flight transactions are left open. */
  kill(): Promise<number | null> {
    return this.stop('SIGKILL');
  }

  /** GETs a path of the service's HTTP endpoint and parses JSON. */
  async get<T = unknown>(urlPath: string): Promise<{ status: number; body: T }> {
    const r = await fetch(`http://127.0.0.1:${this.port}${urlPath}`);
    return { status: r.status, body: (await r.json()) as T };
  }
}
