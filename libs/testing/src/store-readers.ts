import { Client, ClientOptions } from 'cassandra-driver';
import { MongoClient } from 'mongodb';

/**
 * Reads `<keyspace>.words` into word → count (an empty map when the table does not exist yet).
 * @param connection the driver's options (default: the plain native node, 127.0.0.1:9042; see
 *   `stackCassandraAuth` for the authenticated one)
 */
export async function readCassandraWordCounts(keyspace: string, connection: ClientOptions = { contactPoints: ['127.0.0.1:9042'], localDataCenter: 'datacenter1' }): Promise<Map<string, number>> {
  const client = new Client(connection);
  try {
    const out = new Map<string, number>();
    let pageState: string | undefined;
    do {
      const rs = await client.execute(`SELECT word_id, count FROM ${keyspace}.words`, [], { fetchSize: 5000, pageState });
      for (const row of rs.rows) out.set(row.word_id, Number(row.count));
      pageState = rs.pageState ?? undefined;
    } while (pageState);
    return out;
  } catch (e) {
    if (/unconfigured table|does not exist|Keyspace .* does not exist/i.test((e as Error).message)) return new Map();
    throw e;
  } finally {
    await client.shutdown();
  }
}

/** Reads `<database>.words` into word → count. */
export async function readMongoWordCounts(database: string, url = 'mongodb://127.0.0.1:27017'): Promise<Map<string, number>> {
  const client = new MongoClient(url);
  try {
    await client.connect();
    const docs = await client.db(database).collection<{ _id: string; count: number }>('words').find({}).toArray();
    return new Map(docs.map((d) => [d._id, d.count]));
  } finally {
    await client.close();
  }
}
