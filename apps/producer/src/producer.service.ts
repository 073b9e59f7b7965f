import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Topics } from '@sluice/contracts';
import { Kafka, RecordProducer } from '@sluice/kafka';
import { Logger, ROOT_LOGGER } from '@sluice/observability';
import { emitWave, feedLines, realScheduler, sine, triangle } from '@sluice/sources';
import type { ProducerAppConfig } from './producer.config';
import { PRODUCER_CONFIG, PRODUCER_KAFKA } from './producer.constants';
import { connectSink, textSource } from './sources';

/**
 * Service mode: runs the sources of PRODUCER_SOURCES until shutdown. Sends survive broker outages
 * up to PRODUCER_DELIVERY_TIMEOUT_MS (at-least-once); a source that fails for good ends the process
 * with code 1.
 */
@Injectable()
export class ProducerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly stop = new AbortController();
  private sink: RecordProducer | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly log: Logger;

  constructor(
    @Inject(PRODUCER_CONFIG) private readonly config: ProducerAppConfig,
    @Inject(PRODUCER_KAFKA) private readonly kafka: Kafka,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: ProducerService.name });
  }

  async onApplicationBootstrap(): Promise<void> {
    const c = this.config.producer;
    const sink = (this.sink = await connectSink(this.kafka, this.config.kafka, { deliveryTimeoutMs: c.deliveryTimeoutMs, logger: this.log }));
    const common = { sink, scheduler: realScheduler, signal: this.stop.signal, topic: Topics.signals };
    const jobs: Array<Promise<unknown>> = [];
    if (c.sources.includes('sine')) {
      jobs.push(emitWave({ ...common, series: 'sine', intervalMs: c.sineIntervalMs, valueAt: (n) => sine(n, c.sineAmplitude, c.sineStep) }));
    }
    if (c.sources.includes('triangle')) {
      jobs.push(emitWave({ ...common, series: 'triangle', intervalMs: c.triangleIntervalMs, valueAt: (n) => triangle(n, c.trianglePhase, c.triangleLength, c.triangleAmplitude) }));
    }
    if (c.sources.includes('text')) {
      const lines = textSource(c);
      // A service keeps going: a finite corpus repeats forever unless TEXT_LINES bounds it.
      const maxLines = c.textLines > 0 ? c.textLines : Array.isArray(lines) ? Number.MAX_SAFE_INTEGER : undefined;
      jobs.push(feedLines(lines, { ...common, topic: Topics.textLines, ratePerSecond: c.textRate, maxLines }));
    }
    this.log.info({ sources: c.sources }, 'producer sources started');
    this.running = Promise.all(jobs).catch((err) => this.exit(err));
  }

  /**
   * A source failed for good (a send refused for what it is, or the broker away longer than
   * PRODUCER_DELIVERY_TIMEOUT_MS): a service that stays up without producing would look healthy,
   * so it exits non-zero and its supervisor (compose `restart: unless-stopped`) starts it again.
   */
  private exit(err: unknown): void {
    if (this.stop.signal.aborted) return; // stopping: a source ended by the shutdown is no failure
    this.log.fatal({ err }, 'a producer source failed; exiting so the service is restarted');
    this.log.flush?.();
    process.exit(1);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop.abort();
    await this.running;
    await this.sink?.disconnect();
  }
}
