import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of one service (served on `/metrics`). Names follow
 * `sluice_<what>_<unit>`; labels are low-cardinality (topic, reason, store).
 */
export class SluiceMetrics {
  readonly registry = new Registry();
  readonly recordsIn = new Counter({ name: 'sluice_records_in_total', help: 'Records consumed', labelNames: ['topic'], registers: [this.registry] });
  readonly recordsOut = new Counter({ name: 'sluice_records_out_total', help: 'Records produced or written', labelNames: ['topic'], registers: [this.registry] });
  readonly dlqRecords = new Counter({ name: 'sluice_dlq_records_total', help: 'Records sent to a dead-letter topic', labelNames: ['topic', 'reason'], registers: [this.registry] });
  readonly lateRecords = new Counter({ name: 'sluice_late_records_total', help: 'Records dropped behind the watermark', labelNames: ['topic'], registers: [this.registry] });
  readonly batches = new Counter({ name: 'sluice_batches_total', help: 'Micro-batches committed', registers: [this.registry] });
  readonly batchDuration = new Histogram({
    name: 'sluice_batch_duration_seconds',
    help: 'Time to process and commit one micro-batch',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly storeRetries = new Counter({ name: 'sluice_store_retries_total', help: 'Transient store errors retried', labelNames: ['store'], registers: [this.registry] });
  /** Set by the console from the Kafka admin API: end offset minus the group's committed offset. */
  readonly consumerLag = new Gauge({ name: 'sluice_consumer_lag_records', help: 'Records between a consumer group\'s committed offset and the end of the partition', labelNames: ['group', 'topic', 'partition'], registers: [this.registry] });
  readonly stateKeys = new Gauge({ name: 'sluice_state_keys', help: 'Keys held in state stores', labelNames: ['store'], registers: [this.registry] });

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}
