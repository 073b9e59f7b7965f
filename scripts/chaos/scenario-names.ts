/** The chaos scenarios, in the order a full run executes them. */
export const SCENARIO_NAMES = ['kills', 'broker-pause', 'store-outage', 'store-refusal', 'rescale', 'fuzz'] as const;

export type ScenarioName = (typeof SCENARIO_NAMES)[number];
