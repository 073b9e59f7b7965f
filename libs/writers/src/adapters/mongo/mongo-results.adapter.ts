import type { HashtagsTopResult, SensorExtremesResult, SignalStatsResult, WordWindowCountResult } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { MongoCollectionAdapter } from './mongo-collection.adapter';

const date = (iso: string) => new Date(iso);

/** `word-counts-windowed` → `word_counts_windowed`: `{ _id: "<windowStart>/<word>", word, count, windowStart, windowEnd }`. */
export class MongoWordWindowsAdapter extends MongoCollectionAdapter<WordWindowCountResult> {
  readonly collectionName = 'word_counts_windowed';

  protected fields({ value: v }: VersionedUpsert<WordWindowCountResult>) {
    return { word: v.word, count: v.count, windowStart: date(v.windowStart), windowEnd: date(v.windowEnd) };
  }
}

/** `signal-stats` → `signal_stats`: `{ _id: "<series>/<windowStart>", series, windowStart, windowEnd, count, min, max, mean, last, lastTime, final }`. */
export class MongoSignalStatsAdapter extends MongoCollectionAdapter<SignalStatsResult> {
  readonly collectionName = 'signal_stats';

  protected fields({ value: v }: VersionedUpsert<SignalStatsResult>) {
    return { ...v, windowStart: date(v.windowStart), windowEnd: date(v.windowEnd), lastTime: date(v.lastTime) };
  }
}

/**
 * `sensor-extremes` → `sensor_extremes`: `{ _id: <key>, min, max, lastTime, updatedAt }` (the seed's
 * running temperatures); a removal deletes the document when it is older than the removal.
 */
export class MongoSensorExtremesAdapter extends MongoCollectionAdapter<SensorExtremesResult> {
  readonly collectionName = 'sensor_extremes';

  protected fields({ value: v }: VersionedUpsert<SensorExtremesResult>) {
    return v.removed ? null : { min: v.min, max: v.max, lastTime: date(v.lastTime), updatedAt: date(v.updatedAt) };
  }
}

/** `hashtags-top` → `hashtags_top`: `{ _id: <windowStart>, windowStart, windowEnd, top: [{tag, count}] }`. */
export class MongoHashtagsTopAdapter extends MongoCollectionAdapter<HashtagsTopResult> {
  readonly collectionName = 'hashtags_top';

  protected fields({ value: v }: VersionedUpsert<HashtagsTopResult>) {
    return { windowStart: date(v.windowStart), windowEnd: date(v.windowEnd), top: v.top };
  }
}
