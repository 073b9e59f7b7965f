/**
 * What the harness itself produces during a scenario: sensor readings (the producer has no sensor
 * source) and, in the fuzz scenario, the bad records, spread evenly over the planned feed time.
 * Its producer is idempotent and retries forever, so a broker pause only delays it.
 */
import { Topics } from '@sluice/contracts';
import type { Kafka } from '@sluice/kafka';
import { RecordProducer } from '@sluice/kafka';
import { sleep } from '../bench/bench-kit';
import type { FuzzRecord } from './fuzz-records';

const CITIES = ['madrid', 'lima', 'oslo', 'quito', 'tokyo', 'nairobi'];
const TICK_MS = 200;

export class HarnessFeed {
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();
  private producer: RecordProducer | undefined;
  sensorReadings = 0;
  fuzzSent = 0;
  /** Fuzz records sent to `text-lines` (not part of the producer's line count). */
  fuzzTextSent = 0;
  private closed = false;

  constructor(private readonly kafka: Kafka, private readonly fuzz: readonly FuzzRecord[], private readonly feedSeconds: number, private readonly random: () => number) {}

  async start(): Promise<void> {
    this.producer = await RecordProducer.connect(this.kafka);
    this.loop = this.run(this.producer);
  }

  /** Stops after the current tick; sends the fuzz records not sent yet first, so the whole fuzz feed lands. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopped = true;
    if (!this.producer) return;
    await this.loop;
    await this.sendFuzz(this.fuzz.length);
    await this.producer?.disconnect();
  }

  private async run(producer: RecordProducer): Promise<void> {
    const perTick = this.fuzz.length / ((this.feedSeconds * 1000) / TICK_MS);
    let due = 0;
    while (!this.stopped) {
      const now = Date.now();
      await producer.send(Topics.sensorReadings, CITIES.map((key) => {
        const min = Math.round((this.random() * 30 - 5) * 10) / 10;
        return { key, value: JSON.stringify({ key, time: now, min, max: min + Math.round(this.random() * 100) / 10 }) };
      }));
      this.sensorReadings += CITIES.length;
      due += perTick;
      await this.sendFuzz(Math.floor(due));
      await sleep(TICK_MS);
    }
  }

  private async sendFuzz(upTo: number): Promise<void> {
    const end = Math.min(upTo, this.fuzz.length);
    while (this.fuzzSent < end) {
      const chunk = this.fuzz.slice(this.fuzzSent, Math.min(end, this.fuzzSent + 200));
      // One request per record type: a 2 MiB value travels alone.
      for (const f of chunk) {
        await this.producer!.send(f.topic, [f.record]);
        this.fuzzSent++;
        if (f.topic === Topics.textLines) this.fuzzTextSent++;
      }
    }
  }
}
