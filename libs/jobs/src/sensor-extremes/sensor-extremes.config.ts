import { intVar, section } from '@sluice/config';
import { windowMs } from '../text/text.config';

/** Settings of `sensor-extremes`. */
export const sensorExtremesConfig = section(
  { idleTimeoutMs: intVar('SENSOR_IDLE_TIMEOUT_MS', 600000, 'sensor-extremes: a key without readings for longer than this (ms) is removed.', windowMs) },
  (v) => v,
);
export type SensorExtremesConfig = ReturnType<typeof sensorExtremesConfig.build>;
