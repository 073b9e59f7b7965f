import type { Kafka } from 'kafkajs';
import type { ReplayTarget } from './replay-progress';

/** Thrown when a group to reset still has members: its writers must be stopped first. */
export class GroupHasMembersError extends Error {
  constructor(readonly groupId: string, readonly members: number) {
    super(`consumer group ${groupId} still has ${members} member(s): stop every writer instance of the group first`);
    this.name = GroupHasMembersError.name;
  }
}

/** Start and end offsets of every partition of `topics` now: where a replay starts and must reach. */
export async function replayTargets(kafka: Kafka, topics: readonly string[]): Promise<ReplayTarget[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out: ReplayTarget[] = [];
    for (const topic of topics) {
      for (const o of await admin.fetchTopicOffsets(topic)) out.push({ topic, partition: o.partition, low: Number(o.low), high: Number(o.high) });
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Moves a consumer group's committed offsets on `topics` to the earliest offsets (kafkajs
 * `admin.resetOffsets`), so its next member replays every record still in those topics.
 * @throws GroupHasMembersError when the group has members (Kafka refuses offset changes of an active group)
 */
export async function resetGroupToEarliest(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { groups } = await admin.describeGroups([groupId]);
    const members = groups[0]?.members.length ?? 0;
    if (members > 0) throw new GroupHasMembersError(groupId, members);
    for (const topic of topics) await admin.resetOffsets({ groupId, topic, earliest: true });
  } finally {
    await admin.disconnect();
  }
}

/** Committed offset of the group per `topic:partition` (-1 where it has none). */
export async function committedOffsets(kafka: Kafka, groupId: string, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const out = new Map<string, number>();
    for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
      for (const p of t.partitions) out.set(`${t.topic}:${p.partition}`, Number(p.offset));
    }
    return out;
  } finally {
    await admin.disconnect();
  }
}
