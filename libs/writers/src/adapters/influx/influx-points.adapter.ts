import { HttpError, InfluxDB, Point, WriteApi } from '@influxdata/influxdb-client';
import type { InfluxConfig } from '@sluice/config';
import type { Logger } from '@sluice/observability';
import { StoreAdapter, VersionedUpsert, WriteRejection } from '../../store-adapter';
import { safeMessage, StoreFailure } from '../../store-failure';
import { influxClient } from './influx-client';
import { classifyInfluxError } from './influx-errors';

/**
 * Points in one HTTP write request. InfluxDB recommends 5,000 – 10,000 lines per request; a body
 * of this many points stays far below InfluxDB 1.8's 25 MB `max-body-size`.
 */
export const INFLUX_POINTS_PER_REQUEST = 5000;

/**
 * The shared half of every InfluxDB adapter: writes points through the InfluxDB v2 write API
 * (InfluxDB 1.8.3 natively, bucket `database/retention-policy`; InfluxDB 2.7 in Docker), time
 * precision ms. A point is identified by measurement, tag set and time, so a replayed record
 * rewrites the same point (idempotent upsert). Subclasses give the point of an item.
 *
 * Acknowledgement: `write` resolves only after InfluxDB answered 204 to every request holding the
 * batch's points. The client's WriteApi sends a request on its own, unawaited, once its buffer
 * reaches `batchSize` lines or `maxBatchBytes`, and `flush()` then waits only for what is left, so
 * a batch larger than one request could be committed to Kafka before (or without) being stored.
 * Here the buffer never fills: `write` hands it at most {@link INFLUX_POINTS_PER_REQUEST} lines,
 * below its `batchSize`, then calls `flush()`, whose promise is that one HTTP request; the requests
 * of a batch run concurrently and `write` waits until every one is settled. The lines acknowledged
 * through `writeSuccess` are counted and must equal the lines handed over. Bodies are not gzipped (loopback: compressing costs more than it saves).
 */
export abstract class InfluxPointsAdapter<T> implements StoreAdapter<T> {
  readonly store = 'influx';
  /** One shared WriteApi buffers points: concurrent flushes could acknowledge each other's points. */
  readonly maxConcurrentBatches = 1;
  private writeApi: WriteApi | undefined;
  private readonly influx: InfluxDB;
  /** Lines InfluxDB acknowledged (204) since connect(), from the WriteApi's writeSuccess callback. */
  private acknowledgedLines = 0;

  /** @throws Error naming INFLUX_SSL_CA when its file cannot be read (start-up validation checks it first) */
  constructor(private readonly config: InfluxConfig, private readonly logger?: Logger) {
    this.influx = influxClient(config);
  }

  /** The point an item is written as. */
  protected abstract point(item: VersionedUpsert<T>): Point;

  /**
   * Creates the write API, then asks InfluxDB for `/ping` and for a write of no points, which it
   * authenticates before reading the body (InfluxDB 1.8 answers 204; 2.x 400 "writing requires
   * points" once the token is accepted).
   * @throws the client's error when InfluxDB does not answer, or refuses the token (401) or its
   *   certificate is not trusted (both {@link StoreFailure.misconfigured}: the writer stops at
   *   start-up); any other answer to the empty write is left to the first real write to meet and classify
   */
  async connect(): Promise<void> {
    this.acknowledgedLines = 0;
    this.writeApi = this.influx.getWriteApi(this.config.org, this.config.bucket, 'ms', {
      batchSize: INFLUX_POINTS_PER_REQUEST + 1, // never reached: only flush() sends (see the class doc)
      maxBatchBytes: Number.MAX_SAFE_INTEGER,
      flushInterval: 0,
      maxRetries: 0, // StoreWriter retries transient failures with backoff and heartbeats
      gzipThreshold: Number.MAX_SAFE_INTEGER,
      writeSuccess: (lines) => {
        this.acknowledgedLines += lines.length;
      },
      writeFailed: (error, lines) => {
        this.logger?.warn({ context: this.constructor.name, err: error.message, lines: lines.length }, 'influx write failed');
        return undefined; // let flush() reject so the batch is classified and retried or dead-lettered
      },
    });
    await this.ping();
    try {
      await this.influx.transport.request(this.writeApi.path, '', { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' } });
    } catch (err) {
      if (classifyInfluxError(err).misconfigured) throw err;
    }
  }

  /**
   * Writes the items' points in concurrent requests of at most {@link INFLUX_POINTS_PER_REQUEST}
   * and resolves when InfluxDB acknowledged all of them.
   * @returns items the client cannot turn into a line (e.g. a non-finite field), for the DLQ
   * @throws the HTTP error of a refused request (see {@link classifyInfluxError}); an Error when a
   *   flush resolved without InfluxDB acknowledging every line handed over (classified transient)
   */
  async write(items: readonly VersionedUpsert<T>[]): Promise<WriteRejection[]> {
    const api = this.requireApi();
    const rejections: WriteRejection[] = [];
    const lines: string[] = [];
    for (const i of items) {
      try {
        const line = this.point(i).toLineProtocol(api);
        if (line === undefined) throw new Error('a point without fields');
        lines.push(line);
      } catch (err) {
        // The client refuses to build the point (e.g. a non-finite field): the value's fault, no request made.
        rejections.push({ record: i.record, reason: 'not-writable', detail: `influx cannot represent it: ${safeMessage(err)}` });
      }
    }
    // Each flush() sends exactly the lines handed over since the previous one, as one request; the
    // requests run concurrently (no two items of a batch are the same point) and all are settled
    // before write returns, so no request of this batch is still open when the next one starts.
    const before = this.acknowledgedLines;
    const requests: Promise<void>[] = [];
    for (let from = 0; from < lines.length; from += INFLUX_POINTS_PER_REQUEST) {
      api.writeRecords(lines.slice(from, from + INFLUX_POINTS_PER_REQUEST));
      requests.push(api.flush());
    }
    const failed = (await Promise.allSettled(requests)).find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    const acknowledged = this.acknowledgedLines - before;
    if (acknowledged !== lines.length) throw new Error(`influx acknowledged ${acknowledged} of ${lines.length} lines`);
    return rejections;
  }

  /** `GET /ping` through the client (its TLS settings): true on 2xx, false on another HTTP answer. @throws the client's error when InfluxDB does not answer */
  async ping(): Promise<boolean> {
    try {
      await this.influx.transport.request('/ping', null, { method: 'GET' });
      return true;
    } catch (err) {
      if (err instanceof HttpError) return false;
      throw err;
    }
  }

  /** See {@link classifyInfluxError}. */
  classify(error: unknown): StoreFailure {
    return classifyInfluxError(error);
  }

  async close(): Promise<void> {
    await this.writeApi?.close().catch(() => undefined); // pending points of a failed batch are re-read from Kafka
    this.writeApi = undefined;
  }

  private requireApi(): WriteApi {
    if (!this.writeApi) throw new Error(`${this.constructor.name} used before connect()`);
    return this.writeApi;
  }
}
