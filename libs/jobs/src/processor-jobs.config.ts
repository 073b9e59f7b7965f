import { ConfigProblem, ConfigSection, EnvVar, listVar, processorConfig, ProcessorConfig } from '@sluice/config';
import type { JobDefinition } from './job-definition';
import { JOB_NAMES, JOB_REGISTRY, JobName, JobSettings } from './registry';

/** The processor's settings: the runtime's, the jobs it runs and each job's own. */
export interface ProcessorJobsConfig {
  runtime: ProcessorConfig;
  /** `JOBS`, in the order given. */
  jobs: JobName[];
  /**
   * Every job's settings (read whether it runs or not: a typo fails start-up either way; the
   * checks against the runtime's settings apply to the jobs that run).
   */
  settings: JobSettings;
}

const jobsVar = listVar('JOBS', JOB_NAMES.join(','), 'Jobs the processor runs (comma-separated); default: every job.', JOB_NAMES);

/**
 * The processor's configuration section: `processorConfig` (libs/config), `JOBS` with the
 * registry's names as allowed values, and each job's section; a variable several jobs share
 * (`TOKENIZER`) is declared once and listed once. Checks that need the runtime's settings
 * (windows made of whole batches) run when every variable parsed, so every problem is reported
 * in one `ConfigError`.
 */
export const processorJobsConfig: ConfigSection<ProcessorJobsConfig> = {
  vars: uniqueByName([...processorConfig.vars, jobsVar, ...JOB_REGISTRY.flatMap((j) => j.config.vars)]),
  build(env, problems) {
    const runtime = processorConfig.build(env, problems);
    const jobs = jobsVar.read(env, problems);
    const settings = {} as Record<string, unknown>;
    const jobProblems: ConfigProblem[] = [];
    for (const job of registeredJobs()) settings[job.name] = job.config.build(env, jobProblems);
    // A shared variable (TOKENIZER) is read by each job that declares it: report it once.
    const seen = new Set<string>();
    for (const p of jobProblems) {
      const id = `${p.variable}|${p.message}`;
      if (!seen.has(id)) problems.push(p);
      seen.add(id);
    }
    // Settings checked against the runtime's (a window of whole batch intervals) matter only for
    // the jobs that run: JOBS=word-counts with a 20 s interval is fine whatever the windows say.
    if (problems.length === 0) {
      for (const job of registeredJobs()) {
        if (jobs.includes(job.name as JobName)) problems.push(...(job.checkConfig?.(settings[job.name], runtime) ?? ([] as ConfigProblem[])));
      }
    }
    return { runtime, jobs, settings: settings as JobSettings };
  },
};

/** The registry with the settings type erased (each job reads back what its own section built). */
const registeredJobs = (): readonly JobDefinition<unknown>[] => JOB_REGISTRY;

function uniqueByName(vars: ReadonlyArray<EnvVar<unknown>>): EnvVar<unknown>[] {
  const byName = new Map<string, EnvVar<unknown>>();
  for (const v of vars) if (!byName.has(v.name)) byName.set(v.name, v);
  return [...byName.values()];
}
