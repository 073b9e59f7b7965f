import type { RecordMetadata } from 'kafkajs';
import type { OutputRecord } from '@sluice/streaming';
import { changelogEndsAfterCommit } from './changelog-positions';

const rec = (topic: string, partition = 2): OutputRecord => ({ topic, key: 'k', value: '1', partition });
const answer = (topicName: string, baseOffset: number, partition = 2): RecordMetadata => ({ topicName, partition, errorCode: 0, baseOffset: String(baseOffset) });

describe(changelogEndsAfterCommit.name, () => {
  const changelogs = new Set(['app-a-changelog', 'app-b-changelog']);

  it('puts the end after the last request, its records and the commit marker', () => {
    const requests = [
      [rec('out', 0), rec('app-a-changelog'), rec('app-a-changelog')],
      [rec('app-a-changelog'), rec('app-b-changelog')],
    ];
    const answers = [
      [answer('out', 7, 0), answer('app-a-changelog', 100)],
      [answer('app-a-changelog', 102), answer('app-b-changelog', 40)],
    ];
    expect(changelogEndsAfterCommit(requests, answers, changelogs, 2)).toEqual(
      new Map([
        ['app-a-changelog', 104], // 102 + 1 record + marker
        ['app-b-changelog', 42], // 40 + 1 record + marker
      ]),
    );
  });

  it('reports nothing for a transaction without changelog records', () => {
    expect(changelogEndsAfterCommit([[rec('out', 0)]], [[answer('out', 3, 0)]], changelogs, 2).size).toBe(0);
  });

  it('refuses to guess when the broker answer lacks the partition', () => {
    expect(() => changelogEndsAfterCommit([[rec('app-a-changelog')]], [[answer('out', 3, 0)]], changelogs, 2)).toThrow(/app-a-changelog-2/);
  });
});
