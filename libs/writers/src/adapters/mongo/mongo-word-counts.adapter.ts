import type { WordCount } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { MongoCollectionAdapter } from './mongo-collection.adapter';

/** A document of `<database>.words`: the seed's layout plus the version that orders updates. */
export interface WordDocument {
  _id: string;
  count: number;
  updatedAt: Date;
  version: number;
}

/** `word-counts` → collection `words`: `{ _id: <word>, count, updatedAt, version }`. */
export class MongoWordCountsAdapter extends MongoCollectionAdapter<WordCount> {
  readonly collectionName = 'words';

  protected fields(i: VersionedUpsert<WordCount>) {
    return { count: i.value.count, updatedAt: new Date(i.value.updatedAt) };
  }
}
