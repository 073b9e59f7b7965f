import { AssignerProtocol, type GroupDescription } from 'kafkajs';

/** What the group coordinator says of one partition and one member: see {@link partitionOwnership}. */
export type Ownership = { owned: true } | { owned: false; why: string };

/**
 * Whether the consumer group's current generation, as the group coordinator describes it
 * (`DescribeGroups`), assigns a partition to a member.
 *
 * A task that failed (fenced, an expired transaction) reopens by initialising its transactional
 * id again, which fences whoever holds it. That is right while the partition is this member's,
 * and wrong when the failure came from its new owner: a member evicted from the group (its
 * session lapsed on a starved machine) or one that has not yet seen the rebalance would fence the
 * rightful owner, which reopens and fences it back, each reopen restoring state, until the evicted
 * member learns of the new assignment. So a task reopens only when this says `owned`; otherwise it
 * waits for the member's next assignment (Kafka Streams likewise treats a fenced task as lost and
 * rejoins the group instead of retrying it).
 *
 * @param group the group's description (kafkajs `admin.describeGroups`)
 * @param memberId this member's id (from its last GROUP_JOIN); undefined before it joined
 * @returns `owned`, or not owned with why: the group is rebalancing, this member is not in it
 *   (evicted; kafkajs rejoins), or another member (named by client id) holds the partition.
 *   An assignment that is not in the consumer protocol's encoding counts as owned, so an
 *   unreadable answer never keeps a task closed.
 */
export function partitionOwnership(group: GroupDescription, memberId: string | undefined, topic: string, partition: number): Ownership {
  if (group.state !== 'Stable') return { owned: false, why: `the group is ${group.state}` };
  const holds = (assignment: Buffer): boolean | undefined => {
    try {
      const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
      return decoded ? (decoded.assignment[topic] ?? []).includes(partition) : false;
    } catch {
      return undefined;
    }
  };
  const me = group.members.find((m) => m.memberId === memberId);
  if (!me) return { owned: false, why: 'this member is not in the group (evicted; it rejoins)' };
  if (holds(me.memberAssignment) !== false) return { owned: true };
  const other = group.members.find((m) => m.memberId !== memberId && holds(m.memberAssignment) === true);
  return { owned: false, why: other ? `the group assigned it to ${other.clientId} (${other.memberId})` : 'the group no longer assigns it to this member' };
}
