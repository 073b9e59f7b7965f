import type { StoreFailure } from '../store-failure';

/**
 * A store client shared by the adapters of one writer: connected once however many adapters call
 * {@link connect} (concurrent callers wait for the same attempt; a failed attempt is forgotten so
 * the next call tries again), and rebuilt by the next {@link connect} after {@link close}.
 *
 * @typeParam C the driver's client type
 */
export abstract class SharedConnection<C> {
  private client: C | undefined;
  private connecting: Promise<C> | undefined;

  /** Connects (once). @throws the driver's error when the store is unreachable */
  connect(): Promise<C> {
    this.connecting ??= this.open((c) => (this.client = c)).catch((e) => {
      this.connecting = undefined;
      throw e;
    });
    return this.connecting;
  }

  /** The client. @throws when used before {@link connect} */
  get connected(): C {
    if (!this.client) throw new Error(`${this.constructor.name} used before connect()`);
    return this.client;
  }

  /** Shuts the client down (best effort: a broken client may refuse) and forgets it. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.connecting = undefined;
    if (client !== undefined) await this.shutdown(client).catch(() => undefined);
  }

  /** A real, cheap request to the store (readiness). */
  abstract ping(): Promise<boolean>;
  /** Classifies an error of the driver (see {@link StoreAdapter.classify}). */
  abstract classify(error: unknown): StoreFailure;
  /**
   * Creates and connects a client; `track` it as soon as it exists, so that {@link close} can shut
   * down a client whose connection attempt is still failing.
   */
  protected abstract open(track: (client: C) => void): Promise<C>;
  protected abstract shutdown(client: C): Promise<void>;
}
