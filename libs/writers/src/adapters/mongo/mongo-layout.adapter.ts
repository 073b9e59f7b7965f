import type { Document } from 'mongodb';
import type { MongoConfig } from '@sluice/config';
import type { MongoCollectionLayout } from '@sluice/contracts';
import type { VersionedUpsert } from '../../store-adapter';
import { MongoCollectionAdapter } from './mongo-collection.adapter';
import type { MongoConnection } from './mongo-connection';

/**
 * Writes a result declared with a {@link MongoCollectionLayout} beside its contract: one document
 * per record key in the layout's collection, through the compare-and-set on versions of every
 * MongoDB adapter ({@link MongoCollectionAdapter}).
 */
export class MongoLayoutAdapter<T> extends MongoCollectionAdapter<T> {
  readonly collectionName: string;

  /** @param source the writer's shared connection, or a configuration */
  constructor(source: MongoConnection | MongoConfig, private readonly layout: MongoCollectionLayout<T>) {
    super(source);
    this.collectionName = layout.collection;
  }

  protected fields(item: VersionedUpsert<T>): Document | null {
    return this.layout.fields(item.value);
  }
}
