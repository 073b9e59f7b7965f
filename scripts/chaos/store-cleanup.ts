/**
 * Drops what a scenario wrote to the stores (its Redis database, Cassandra keyspace and Mongo
 * database), so repeated runs do not fill the shared servers. Best effort: a failure is logged.
 */
import { Client } from 'cassandra-driver';
import { MongoClient } from 'mongodb';
import { flushRedisDb } from '@sluice/testing';
import type { RunNames } from './service-kinds';

export async function dropRunData(names: RunNames, log: (line: string) => void): Promise<void> {
  const cassandra = new Client({ contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' });
  const mongo = new MongoClient('mongodb://127.0.0.1:27017', { serverSelectionTimeoutMS: 30000 });
  await Promise.all([
    flushRedisDb(names.redisUrl),
    cassandra.execute(`DROP KEYSPACE IF EXISTS ${names.keyspace}`, [], { readTimeout: 60000 }).finally(() => cassandra.shutdown()),
    mongo.connect().then(() => mongo.db(names.mongoDatabase).dropDatabase()).finally(() => mongo.close()),
  ].map((p) => p.catch((e: Error) => log(`cleanup of run ${names.run}: ${e.message}`))));
}
