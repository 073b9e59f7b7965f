import { Topics } from '@sluice/contracts';
import { fuzzRecords } from './fuzz-records';
import { sensorVerdict, signalVerdict, textLineVerdict } from './input-oracle';
import { seededRandom } from './seeded-random';

const toBuffer = (v: string | Buffer | null | undefined) => (v === null || v === undefined ? null : Buffer.isBuffer(v) ? v : Buffer.from(v));

describe(fuzzRecords.name, () => {
  it('gives the requested number of bad records over all three input topics, each bad by the oracle', () => {
    const now = Date.now();
    const records = fuzzRecords(2000, 6, seededRandom(7), () => now);
    let bad = 0;
    let large = 0;
    const topics = new Set<string>();
    for (const { topic, record } of records) {
      const value = toBuffer(record.value);
      const key = record.key === null || record.key === undefined ? null : String(record.key);
      const verdict = topic === Topics.textLines ? textLineVerdict(value) : topic === Topics.signals ? signalVerdict(value, key, now) : sensorVerdict(value, now);
      if (!verdict.good) bad++;
      if ((value?.length ?? 0) > 1_048_576) large++;
      topics.add(topic);
    }
    expect(bad).toBe(2000);
    expect(large).toBe(6);
    expect(records.length).toBe(2100); // one odd but good text line per 20 bad records
    expect([...topics].sort()).toEqual([Topics.sensorReadings, Topics.signals, Topics.textLines].sort());
  });

  it('is the same for the same seed', () => {
    const a = fuzzRecords(50, 0, seededRandom(3), () => 1);
    const b = fuzzRecords(50, 0, seededRandom(3), () => 1);
    expect(a).toEqual(b);
  });
});
