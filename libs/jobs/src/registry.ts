import { hashtagsTopJob } from './hashtags-top/hashtags-top.job';
import type { JobDefinition } from './job-definition';
import { sensorExtremesJob } from './sensor-extremes/sensor-extremes.job';
import { signalStatsJob } from './signal-stats/signal-stats.job';
import { wordCountsJob } from './word-counts/word-counts.job';
import { wordCountsWindowedJob } from './word-counts-windowed/word-counts-windowed.job';

/**
 * Every job this build provides, in topology order. `JOBS` (its allowed values and default), the
 * topology, the topics to provision and the docs' job table are derived from this list: adding a
 * job is its folder plus one line here.
 */
export const JOB_REGISTRY = [wordCountsJob, wordCountsWindowedJob, signalStatsJob, sensorExtremesJob, hashtagsTopJob] as const satisfies readonly JobDefinition<unknown>[];

/** Names of the jobs, the allowed values of `JOBS`. */
export const JOB_NAMES = JOB_REGISTRY.map((j) => j.name) as ReadonlyArray<JobName>;
export type JobName = (typeof JOB_REGISTRY)[number]['name'];

/** The settings of every job, by job name, as `processorJobsConfig` builds them. */
export type JobSettings = { [J in (typeof JOB_REGISTRY)[number] as J['name']]: J extends JobDefinition<infer C> ? C : never };
