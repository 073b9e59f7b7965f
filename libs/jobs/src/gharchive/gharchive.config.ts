import { intVar, section } from '@sluice/config';

/** Settings of `gharchive`. */
export const gharchiveConfig = section(
  {
    topN: intVar('GHARCHIVE_TOP_REPOS', 10, 'gharchive: repositories per day in the top-repositories ranking.', { min: 1, max: 1000 }),
  },
  (v) => v,
);
export type GharchiveConfig = ReturnType<typeof gharchiveConfig.build>;
