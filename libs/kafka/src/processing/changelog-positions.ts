import type { RecordMetadata } from 'kafkajs';
import type { OutputRecord } from '@sluice/streaming';

/**
 * Where each changelog partition a committed transaction wrote to ends: the offset after the
 * transaction's commit marker, i.e. the next offset a later writer would get.
 *
 * The records of one produce request to one partition get consecutive offsets from the broker's
 * `baseOffset` for that partition; the commit marker (one control record per partition of the
 * transaction) follows the transaction's last record. While a task owns its changelog partitions
 * no other producer writes to them, so `last request's baseOffset + its records there + 1` is
 * the partition's end after the commit.
 *
 * @param requests the transaction's produce requests, in the order sent
 * @param answers the broker's answers per request, same order (see `TaskProducer.commit`)
 * @param changelogTopics the topics to report (the task's changelogs)
 * @param partition the task's partition (changelog records go to it)
 * @returns changelog topic → end offset after the commit, for the topics the transaction wrote
 * @throws Error when a request wrote to a changelog partition the broker's answer does not name
 */
export function changelogEndsAfterCommit(
  requests: ReadonlyArray<readonly OutputRecord[]>,
  answers: ReadonlyArray<readonly RecordMetadata[]>,
  changelogTopics: ReadonlySet<string>,
  partition: number,
): Map<string, number> {
  const ends = new Map<string, number>();
  requests.forEach((request, i) => {
    const counts = new Map<string, number>();
    for (const r of request) if (changelogTopics.has(r.topic)) counts.set(r.topic, (counts.get(r.topic) ?? 0) + 1);
    for (const [topic, count] of counts) {
      const answer = answers[i]?.find((a) => a.topicName === topic && a.partition === partition);
      if (answer?.baseOffset === undefined) throw new Error(`no broker answer with a base offset for ${topic}-${partition}`);
      ends.set(topic, Number(answer.baseOffset) + count + 1);
    }
  });
  return ends;
}
