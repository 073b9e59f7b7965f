/**
 * The running services of one scenario, kept alive as an orchestrator would (compose's
 * `restart: always`): an instance that exits (kill -9, a crash, exit 1) is started again at once,
 * until it is scaled away. Every restart is counted.
 */
import { ServiceProcess } from '@sluice/testing';
import { sleep } from '../bench/bench-kit';
import type { ServiceKind } from './service-kinds';

interface Instance {
  kind: ServiceKind;
  proc: ServiceProcess;
  /** false once scaled away: its exit is then expected and not restarted. */
  wanted: boolean;
  /** true once healthy: only those are killed (a kill of a starting process would hit nothing). */
  ready: boolean;
}

export interface FleetEvents {
  /** A restart after an exit we did not ask for by scaling (kill -9 included), with the exit code. */
  restarts: Array<{ kind: ServiceKind; name: string; code: number | null; at: number }>;
}

/** Fleets not stopped yet, so an interrupted run can stop every service it started. */
export const LIVE_FLEETS = new Set<Fleet>();

export class Fleet {
  private readonly instances: Instance[] = [];
  private readonly starting = new Set<Promise<void>>();
  private seq = 0;
  private closed = false;
  readonly events: FleetEvents = { restarts: [] };

  /**
   * @param envOf environment of a new instance of `kind` (called at every start, so the producer
   *   can be given only the lines still to send)
   */
  constructor(private readonly prefix: string, private readonly envOf: (kind: ServiceKind) => Promise<Record<string, string>>, private readonly log: (line: string) => void) {
    LIVE_FLEETS.add(this);
  }

  /** Running (wanted) instances of a kind. */
  count(kind: ServiceKind): number {
    return this.instances.filter((i) => i.kind === kind && i.wanted).length;
  }

  /** The wanted instances of a kind. */
  of(kind: ServiceKind): ServiceProcess[] {
    return this.instances.filter((i) => i.kind === kind && i.wanted).map((i) => i.proc);
  }

  /** Starts or gracefully stops (SIGTERM) instances until `n` of `kind` run; waits for new ones to be healthy. */
  async scale(kind: ServiceKind, n: number): Promise<void> {
    const current = this.instances.filter((i) => i.kind === kind && i.wanted);
    const starts: Array<Promise<void>> = [];
    for (let k = current.length; k < n; k++) starts.push(this.launch(kind));
    const stops = current.slice(n).map((i) => {
      i.wanted = false;
      return i.proc.stop();
    });
    await Promise.all([...starts, ...stops]);
  }

  /** `kill -9` of one instance; the watchdog restarts it. @returns its name, or undefined when none runs */
  async kill(kind: ServiceKind, random: () => number): Promise<string | undefined> {
    const live = this.instances.filter((i) => i.kind === kind && i.wanted && i.ready);
    if (live.length === 0) return undefined;
    const victim = live[Math.floor(random() * live.length)];
    await victim.proc.kill();
    return victim.proc.name;
  }

  /**
   * Waits until every pending (re)start has finished, at most `timeoutMs` (ms): a service in a
   * crash loop must not hang the run. @returns false when starts were still pending at the deadline
   */
  async settled(timeoutMs = 180000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.starting.size && Date.now() < deadline) await Promise.race([Promise.all([...this.starting]), sleep(1000)]);
    return this.starting.size === 0;
  }

  /** Stops everything (SIGTERM, then SIGKILL after 30 s); nothing is restarted afterwards. */
  async stopAll(): Promise<void> {
    this.closed = true;
    LIVE_FLEETS.delete(this);
    for (const i of this.instances) i.wanted = false;
    // Stop first, then wait for the starts: a start waiting for /health must not hold the run.
    await Promise.all(this.instances.map((i) => i.proc.stop('SIGTERM', 30000)));
    await Promise.allSettled([...this.starting]);
    await Promise.all(this.instances.map((i) => i.proc.stop('SIGKILL')));
  }

  private launch(kind: ServiceKind): Promise<void> {
    const p = this.startWithRetries(kind).finally(() => this.starting.delete(p));
    this.starting.add(p);
    return p;
  }

  private async startWithRetries(kind: ServiceKind): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      const proc = new ServiceProcess(kind === 'producer' ? 'producer' : kind, `${this.prefix}-${kind}-${++this.seq}`, await this.envOf(kind));
      const instance: Instance = { kind, proc, wanted: true, ready: false };
      this.instances.push(instance);
      try {
        // Long: a restart during a broker pause or a store outage is healthy only once it is back.
        await proc.start(400000);
        instance.ready = true;
        this.watch(instance);
        return;
      } catch (e) {
        if (!instance.wanted) return; // scaled away while starting
        instance.wanted = false;
        await proc.kill();
        this.log(`${proc.name} did not start (attempt ${attempt}): ${(e as Error).message.split('\n')[0]}`);
        this.events.restarts.push({ kind, name: proc.name, code: null, at: Date.now() });
        await sleep(Math.min(10000, 1000 * attempt));
      }
    }
  }

  private watch(instance: Instance): void {
    void instance.proc.whenExited.then((code) => {
      if (!instance.wanted || this.closed) return;
      instance.wanted = false;
      this.events.restarts.push({ kind: instance.kind, name: instance.proc.name, code, at: Date.now() });
      if (code !== null) this.log(`${instance.proc.name} exited with code ${code}; restarting (log: ${instance.proc.logFile})`);
      void this.launch(instance.kind);
    });
  }
}
