import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@sluice/config';
import { freePort } from './free-port';
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

  /** Starts the service and waits until `GET /health` answers 200 (Kafka and store ready). */
  async start(timeoutMs = 120000): Promise<this> {
    this.port = await freePort();
    mkdirSync(TEST_LOG_DIR, { recursive: true });
    const log = createWriteStream(path.join(TEST_LOG_DIR, `${this.name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/apps', this.app, 'main.js')], {
      cwd: REPO_ROOT,
      env: { PATH: processEnv().PATH ?? '', LOG_LEVEL: 'info', KAFKA_BROKERS: TEST_BROKERS, ...this.env, HTTP_PORT: String(this.port), HTTP_HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    this.child = child;
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    let code: number | null | undefined;
    void this.exited.then((c) => (code = c));
    await waitFor(`${this.name} /health`, async () => {
      if (code !== undefined) throw new Error(`${this.name} exited with code ${code}; see ${TEST_LOG_DIR}/${this.name}.log`);
      const r = await fetch(`http://127.0.0.1:${this.port}/health`);
      return r.ok ? true : undefined;
    }, { timeoutMs, intervalMs: 250 });
    return this;
  }

  /** Sends a signal and waits for the process to exit. @returns the exit code (null when killed by a signal) */
  async stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 60000): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
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
