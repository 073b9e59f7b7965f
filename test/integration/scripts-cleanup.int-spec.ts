import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { processEnv } from '@sluice/config';
import { REPO_ROOT, waitFor } from '@sluice/testing';

/**
 * The cleanup of `npm run up` and `npm run demo` against the real servers: a script whose output
 * pipe is closed (`npm run demo | head -1`), or whose terminal hangs up (SIGHUP to its process group)
 * followed by a second Ctrl-C, stops every service it started and leaves no process behind.
 * The services run on their default ports (3101-3105), as `npm run up` starts them.
 */
const env = processEnv();
const runDir = path.join(env.SLUICE_STACK_DIR ?? path.join(REPO_ROOT, '.stack'), 'run');
const distApps = path.join(REPO_ROOT, 'dist', 'apps') + path.sep;

/** Every live process of this tree's built services: pid -> command line. */
function serviceProcesses(): Map<number, string> {
  const found = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '')[0];
      if (cmdline.includes(distApps) && state !== 'Z') found.set(Number(entry), cmdline.trim());
    } catch {
      // the process ended while /proc was read: it is not running
    }
  }
  return found;
}

/** Live processes of a process group (the script's children: curl, node, sleep...). */
function groupMembers(pgid: number): string[] {
  const out: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const fields = readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') out.push(`${entry} ${readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ')}`);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Pid files whose process is alive: of `npm run up` services, or of the servers named. */
const livePidFiles = (servers: readonly string[] = []) =>
  readdirSync(runDir).filter((f) => {
    if (!f.startsWith('svc-') && !servers.includes(f.replace(/\.pid$/, ''))) return false;
    try {
      const pid = readFileSync(path.join(runDir, f), 'utf8').split('\n')[0];
      return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
    } catch {
      return false;
    }
  });

/** A script run as `npm run` runs it, in its own process group, stdout and stderr into one pipe we read. */
class ScriptRun {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output = '';

  constructor(script: string, args: string[]) {
    this.child = spawn('bash', [path.join(REPO_ROOT, script), ...args], {
      cwd: REPO_ROOT,
      detached: true,
      env: { ...env, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout!, this.child.stderr!]) stream.on('data', (d: Buffer) => (this.output += d.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
    // Its own process group outlives jest: a jest that exits first takes the script with it.
    const orphanGuard = () => this.signalGroup('SIGKILL');
    process.once('exit', orphanGuard);
    this.child.once('exit', () => process.removeListener('exit', orphanGuard));
  }

  /** Waits until the output shows `text` (ms deadline). */
  async saw(text: string, timeoutMs = 120_000): Promise<void> {
    await waitFor(`"${text}" in the output of the script`, () => (this.output.includes(text) ? true : undefined), { timeoutMs, intervalMs: 50 });
  }

  /** Closes the reading end of both pipes, as `| head -1` does once it has its line. */
  closePipe(): void {
    this.child.stdout!.destroy();
    this.child.stderr!.destroy();
  }

  signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.child.pid!, signal);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e; // the group has already exited
    }
  }
}

describe('service scripts cleanup', () => {
  let before = new Map<number, string>();
  let run: ScriptRun | undefined;

  /** Starts a script once nothing of `npm run up` runs (the scripts would keep, not stop, such a service). */
  const start = (script: string, args: string[]) => {
    before = serviceProcesses();
    expect(livePidFiles()).toEqual([]);
    run = new ScriptRun(script, args);
    return run;
  };

  afterEach(async () => {
    // Never leave a service behind for the next test file, even when an assertion failed.
    const strays = [...serviceProcesses().keys()].filter((pid) => !before.has(pid));
    for (const pid of strays) process.kill(pid, 'SIGKILL');
    if (run && run.child.exitCode === null && run.child.signalCode === null) run.signalGroup('SIGKILL');
    await run?.exited;
    await waitFor('the killed services to be gone', () => (strays.every((pid) => !serviceProcesses().has(pid)) ? true : undefined), { timeoutMs: 30_000 });
    run = undefined;
  });

  const leftovers = async (script: ScriptRun) => {
    await waitFor('the script to exit', () => (script.child.exitCode !== null || script.child.signalCode !== null ? true : undefined), { timeoutMs: 150_000 });
    const started = [...serviceProcesses()].filter(([pid]) => !before.has(pid)).map(([pid, cmd]) => `${pid} ${cmd}`);
    return { services: started, group: groupMembers(script.child.pid!), pidFiles: livePidFiles() };
  };

  describe('scripts/services/up.sh', () => {
    it('stops the services it started when its output pipe is closed while they start', async () => {
      const run = start('scripts/services/up.sh', ['processor', 'redis-writer']);
      await run.saw('starting svc-redis-writer');
      expect(serviceProcesses().size).toBeGreaterThan(before.size); // the services did start
      run.closePipe();

      expect(await leftovers(run)).toEqual({ services: [], group: [], pidFiles: [] });
      expect(await run.exited).not.toBe(0);
    });
  });

  describe('scripts/demo.sh', () => {
    it('stops a server it was starting when the terminal hangs up during the stack start', async () => {
      // InfluxDB is the stack's last server and takes seconds to answer: stopped here, the demo
      // starts it, and the hang-up lands while scripts/stack/up.sh waits for it.
      execFileSync('bash', [path.join(REPO_ROOT, 'scripts/stack/down.sh'), 'influx'], { cwd: REPO_ROOT, stdio: 'ignore' });
      try {
        expect(livePidFiles(['influx'])).toEqual([]);
        const run = start('scripts/demo.sh', []);
        await run.saw('starting influx', 150_000);
        run.signalGroup('SIGHUP');
        await run.saw('stopping what the demo started', 30_000);

        expect(await leftovers(run)).toEqual({ services: [], group: [], pidFiles: [] });
        expect(livePidFiles(['influx'])).toEqual([]);
      } finally {
        execFileSync('bash', [path.join(REPO_ROOT, 'scripts/stack/up.sh'), 'influx'], { cwd: REPO_ROOT, stdio: 'ignore' });
      }
    });

    it('stops everything it started on SIGHUP, and a second Ctrl-C does not cut the cleanup short', async () => {
      const run = start('scripts/demo.sh', []);
      // Once every service was launched and is healthy. A signal in the middle of a launch is deferred
      // by launch_service, but a run on a fresh stack once left the demo hanging there: not yet covered.
      await run.saw('feeding 20,000 sentences', 150_000);
      expect(serviceProcesses().size).toBeGreaterThanOrEqual(before.size + 5);
      run.signalGroup('SIGHUP');
      await run.saw('stopping what the demo started', 30_000);
      run.signalGroup('SIGINT');

      expect(await leftovers(run)).toEqual({ services: [], group: [], pidFiles: [] });
    });
  });
});
