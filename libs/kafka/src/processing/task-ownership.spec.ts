import { AssignerProtocol, type GroupDescription } from 'kafkajs';
import { partitionOwnership } from './task-ownership';

const member = (memberId: string, assignment: Record<string, number[]>) => ({
  memberId,
  clientId: `client-${memberId}`,
  clientHost: '/127.0.0.1',
  memberMetadata: Buffer.alloc(0),
  memberAssignment: AssignerProtocol.MemberAssignment.encode({ version: 0, assignment, userData: Buffer.alloc(0) }),
});

const group = (state: GroupDescription['state'], members: GroupDescription['members']): GroupDescription => ({ groupId: 'g', state, protocol: 'RoundRobinAssigner', protocolType: 'consumer', members });

describe(partitionOwnership.name, () => {
  const stable = group('Stable', [member('a', { 'text-lines': [0, 2] }), member('b', { 'text-lines': [1, 3], words: [0] })]);

  it('says owned when the stable group assigns the partition to this member', () => {
    expect(partitionOwnership(stable, 'a', 'text-lines', 2)).toEqual({ owned: true });
    expect(partitionOwnership(stable, 'b', 'words', 0)).toEqual({ owned: true });
  });

  it('names the member that holds it now', () => {
    expect(partitionOwnership(stable, 'a', 'text-lines', 3)).toEqual({ owned: false, why: 'the group assigned it to client-b (b)' });
  });

  it('says so when no member holds it', () => {
    expect(partitionOwnership(stable, 'a', 'words', 5)).toEqual({ owned: false, why: 'the group no longer assigns it to this member' });
  });

  it('is not owned by an evicted member, or before it joined', () => {
    expect(partitionOwnership(stable, 'gone', 'text-lines', 0)).toEqual({ owned: false, why: 'this member is not in the group (evicted; it rejoins)' });
    expect(partitionOwnership(stable, undefined, 'text-lines', 0)).toMatchObject({ owned: false });
  });

  it('is not owned while the group rebalances, whatever the old assignment said', () => {
    for (const state of ['PreparingRebalance', 'CompletingRebalance'] as const) {
      expect(partitionOwnership(group(state, stable.members), 'a', 'text-lines', 0)).toEqual({ owned: false, why: `the group is ${state}` });
    }
  });

  it('counts an assignment it cannot decode as owned, so a task is never kept closed by it', () => {
    const odd = group('Stable', [{ ...member('a', {}), memberAssignment: Buffer.from([0, 0, 0, 0, 0, 9]) }]);
    expect(partitionOwnership(odd, 'a', 'text-lines', 0)).toEqual({ owned: true });
  });
});
