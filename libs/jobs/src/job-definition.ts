import type { ConfigProblem, ConfigSection, ProcessorConfig } from '@sluice/config';
import type { AnyResultContract, EventTimeRange } from '@sluice/contracts';
import type { CompiledStream } from '@sluice/streaming';

/** What every job's streams are compiled with: the processor's settings that are not the job's own. */
export interface JobContext {
  /** Consumer group: the prefix of transactional ids, state stores and internal topics. */
  applicationId: string;
  /** Micro-batch trigger interval (ms). */
  batchIntervalMs: number;
  /** Largest accepted input record (bytes); larger ones go to `<topic>.dlq`. */
  maxRecordBytes: number;
  /** Event times the decoders accept (`MAX_EVENT_TIME_SKEW_MS` ahead of `now` at most); others go to `<topic>.dlq`. */
  eventTimes: EventTimeRange;
  /** Service name written in DLQ headers. */
  service: string;
  now: () => number;
}

/**
 * A processor job as one unit (issue #11): its name, its own configuration section, the topics it
 * reads and writes, and its streams — `MicroBatchStream` definitions compiled with `compileStream`.
 * A job folder `libs/jobs/src/<name>/` holds its definition (`<name>.job.ts`), its configuration
 * (`<name>.config.ts`), its pipeline (`<name>.pipeline.ts`) and its specs; the registry
 * (`registry.ts`) lists the jobs, and `JOBS`, the topology, the topics to provision and the docs'
 * job table are derived from it.
 *
 * @typeParam C the job's settings, as its config section builds them (defaults declared once there)
 */
export interface JobDefinition<C = unknown> {
  /** Stable job name: a value of `JOBS`. */
  readonly name: string;
  /** One line for the docs' job table: what the job computes, after which seed. */
  readonly summary: string;
  /** The job's environment variables, validated at start-up with every other section. */
  readonly config: ConfigSection<C>;
  /**
   * Problems of the job's settings that depend on the processor's (a processing-time window must
   * be a multiple of `BATCH_INTERVAL_MS`); run only when every variable parsed.
   */
  checkConfig?(config: C, processor: ProcessorConfig): ConfigProblem[];
  /** Source topics the job reads (each with a `.dlq`). */
  readonly inputs: readonly string[];
  /** The results the job writes: one contract (topic, schema, key, codec, store layouts) per result topic. */
  readonly outputs: readonly AnyResultContract[];
  /**
   * The job's streams compiled for the runtime — a pure function of the settings.
   * @throws PipelineDefinitionError when the settings make an invalid pipeline (the config checks refuse those first)
   */
  compile(ctx: JobContext, config: C): CompiledStream[];
}

/** Declares a job; the identity, typed so that the registry knows each job's name and settings. */
export function defineJob<const N extends string, C>(job: JobDefinition<C> & { readonly name: N }): JobDefinition<C> & { readonly name: N } {
  return job;
}
