import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort } from './free-port';
import { REPO_ROOT } from './service-process';
import { STACK_DIR } from './stack-server-pid';
import { stopChild } from './stop-child';
import { waitFor } from './wait-for';

/**
 * Ports of private Mongo stand-ins started by tests and benchmarks: `[27100, 27200)`, next to the
 * stack's 27017, apart from {@link freePort}'s default range (services' HTTP ports) and below the
 * ephemeral range.
 */
export const STAND_IN_PORTS = { low: 27100, high: 27200 } as const;

const SOURCES = path.join(REPO_ROOT, 'tools/mongo-java-server');
const MAIN_CLASS = 'dev.sluice.stack.MongoStackServer';

/** The jars of mongo-java-server the stack downloaded (`$STACK_DIR/mongo/libs`, see scripts/stack/components/mongo.sh). */
export function mongoStandInLibs(): string {
  const libs = path.join(STACK_DIR, 'mongo', 'libs');
  if (!existsSync(libs) || !readdirSync(libs).some((f) => f.startsWith('mongo-java-server-h2-backend'))) {
    throw new Error(`no mongo-java-server jars in ${libs}: run \`npm run stack:up -- mongo\` once (it downloads them), or set SLUICE_STACK_DIR`);
  }
  return libs;
}

/**
 * Compiles every `.java` file of tools/mongo-java-server (this checkout's stand-in) with `javac`
 * into a new temporary folder, against {@link mongoStandInLibs}. Takes a few seconds.
 * @returns the folder of the compiled classes
 * @throws when the jars are missing or javac fails (with javac's output)
 */
export function compileMongoStandIn(): string {
  const libs = mongoStandInLibs();
  const files = (readdirSync(SOURCES, { recursive: true }) as string[]).filter((f) => f.endsWith('.java')).map((f) => path.join(SOURCES, f));
  const out = mkdtempSync(path.join(tmpdir(), 'sluice-mongo-classes-'));
  execFileSync('javac', ['--release', '17', '-cp', `${libs}/*`, '-d', out, ...files], { stdio: ['ignore', 'pipe', 'pipe'] });
  return out;
}

/** Whether a server answers `ping` on `url` (a client of its own: a client whose first connection failed stays closed). */
async function pings(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 1000, directConnection: true });
  try {
    await client.connect();
    return (await client.db('admin').command({ ping: 1 })).ok === 1;
  } finally {
    await client.close();
  }
}

/** How to run a {@link MongoStandIn}. */
export interface MongoStandInOptions {
  /** Folder of the compiled stand-in ({@link compileMongoStandIn}, or an older build's classes). */
  classes: string;
  /** The MVStore file (its folder must exist), or `memory` for the in-memory backend. */
  storage: string;
  /** Run the plain H2 backend of the older build (`--legacy-format`): writes the old file format. */
  legacyFormat?: boolean;
  /** H2's background commit interval, ms (default 1000, as the stack's MONGO_COMMIT_DELAY_MS). */
  commitDelayMs?: number;
  /** JVM options (default the stack's: `-Xms256m -Xmx1g`). */
  javaOptions?: string[];
}

/**
 * A private mongo-java-server stand-in (tools/mongo-java-server's main) run as a child process on a
 * port of {@link STAND_IN_PORTS}, for tests and benchmarks that must not touch the stack's server on
 * 27017. Its stdout and stderr are kept in {@link output}.
 */
export class MongoStandIn {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);
  private lines: string[] = [];
  port = 0;

  constructor(readonly options: MongoStandInOptions) {}

  /** `mongodb://127.0.0.1:<port>` (after {@link start}). */
  get url(): string {
    return `mongodb://127.0.0.1:${this.port}`;
  }

  /** Everything the process printed so far (stdout and stderr interleaved by arrival). */
  get output(): string {
    return this.lines.join('');
  }

  /** Resolves with the exit code (null when killed by a signal) once the process has exited. */
  get whenExited(): Promise<number | null> {
    return this.exited;
  }

  /**
   * Starts the process on a free port and waits until it answers `ping`.
   * @throws at once when the process exits first (with its output), or after `timeoutMs`
   */
  async start(timeoutMs = 60000): Promise<this> {
    this.port = await freePort(STAND_IN_PORTS);
    const { classes, storage, legacyFormat = false, commitDelayMs = 1000, javaOptions = ['-Xms256m', '-Xmx1g'] } = this.options;
    const args = [...javaOptions, '-cp', `${classes}:${mongoStandInLibs()}/*`, MAIN_CLASS, '127.0.0.1', String(this.port), storage, String(commitDelayMs)];
    const child = spawn('java', legacyFormat ? [...args, '--legacy-format'] : args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.lines = [];
    child.stdout!.on('data', (chunk: Buffer) => this.lines.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => this.lines.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.on('close', (code) => resolve(code)));
    let code: number | null | undefined;
    void this.exited.then((c) => (code = c));
    const state = await waitFor(`the Mongo stand-in on ${this.url}`, async () => (code !== undefined ? 'exited' : (await pings(this.url)) ? 'ready' : undefined), { timeoutMs, intervalMs: 250 });
    if (state === 'exited') throw new Error(`the Mongo stand-in exited with code ${code} while starting:\n${this.output.slice(-3000)}`);
    return this;
  }

  /** Sends `signal` (SIGTERM: a clean stop that commits and closes the file) and waits for the exit. @returns the exit code */
  stop(signal: NodeJS.Signals = 'SIGTERM', timeoutMs = 30000): Promise<number | null> {
    return stopChild(this.child, this.exited, signal, timeoutMs);
  }
}
