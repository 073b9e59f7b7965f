import { transformStage } from '../operators/transform';
import { byCountDescThenKey, topN } from '../operators/top-n';
import { MicroBatchStream } from '../stream/micro-batch-stream';
import { PipelineTestDriver } from '../testing/pipeline-test-driver';
import { extractHashtags } from '../text/hashtags';

/**
 * The seed's stream-static join (document 001, `calculate_trending_topic_by_author`): hashtag
 * counts per (author, hashtag) in a batch, joined with a static authors table on the author,
 * ordered by count descending and limited to 10 — through `transform`.
 *
 * The join is inner (the seed's `dfTweet.join(authors, ...)`): tweets by unknown authors are
 * dropped. Ties are ordered by tag, then author, for determinism.
 */
interface Tweet {
  author: string;
  text: string;
}
const authors = new Map([
  ['u1', { name: 'Ana', country: 'ES' }],
  ['u2', { name: 'Boris', country: 'RU' }],
]);

const trending = MicroBatchStream.source<Tweet>({ batchIntervalMs: 1000 })
  .flatMap((t) => extractHashtags(t.text).map((tag) => `${t.author}/${tag}`))
  .mapToPair((authorTag) => [authorTag, 1])
  .reduceByKey((a, b) => a + b)
  .transform((counts) => {
    const joined = counts.flatMap(([authorTag, counter]) => {
      const [author, tag] = authorTag.split('/');
      const a = authors.get(author);
      return a ? [{ author, name: a.name, country: a.country, tag, counter }] : [];
    });
    const ranked = topN(
      joined.map((j) => [`${j.tag}/${j.author}`, j.counter] as [string, number]),
      10,
      byCountDescThenKey,
    );
    return ranked.map(([key]) => joined.find((j) => `${j.tag}/${j.author}` === key)!);
  });

describe(transformStage.name, () => {
  describe('golden: the seed stream-static join of hashtags by author with an authors table', () => {
    it('joins each batch with the table, drops unknown authors and ranks by count', () => {
      const driver = new PipelineTestDriver(() => trending.build(), { batchIntervalMs: 1000 });
      const [batch] = driver.queueStream([
        [
          { author: 'u1', text: '#Volcan #Volcan hoy' },
          { author: 'u2', text: 'también #Volcan' },
          { author: 'u1', text: 'vamos #Qatar2022' },
          { author: 'u3', text: '#Volcan desde una cuenta sin autor conocido' },
        ],
      ]);
      // author | name | country | tag | counter
      const expected: Array<[string, string, string, string, number]> = [
        ['u1', 'Ana', 'ES', 'Volcan', 2],
        ['u1', 'Ana', 'ES', 'Qatar2022', 1],
        ['u2', 'Boris', 'RU', 'Volcan', 1],
      ];
      expect(batch.records).toEqual(expected.map(([author, name, country, tag, counter]) => ({ author, name, country, tag, counter })));
      expect(batch.records.map((r) => r.author)).not.toContain('u3');
    });

    it('gives an empty ranking for an empty batch', () => {
      expect(trending.build().process([], 1000).records).toEqual([]);
    });
  });
});
