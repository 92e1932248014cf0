import { describe, expect, it } from 'vitest';
import { diffRoster, type OrgSnapshot } from '../../../../src/services/roster/roster-diff.ts';
import type { PlannedPerson } from '../../../../src/services/roster/roster-types.ts';

const planned = (over: Partial<PlannedPerson> = {}): PlannedPerson => ({
  mobile: '13800138000',
  name: '张伟',
  levels: ['县区', '市'],
  isStaff: false,
  accounts: { wecom: { id: 'zhangwei', rowNumber: 2 } },
  memberships: [{ kind: 'group', name: '第一组', role: 'leader' }],
  rowNumbers: [2],
  ...over,
});

const snapshot = (): OrgSnapshot => ({
  units: [
    { id: 1, kind: 'group', name: '第一组' },
    { id: 2, kind: 'group', name: '第二组' },
    { id: 3, kind: 'big_group', name: '大组' },
  ],
  people: [
    {
      id: 10,
      name: '张伟',
      mobile: '13800138000',
      levels: '县区,市',
      isStaff: false,
      memberships: [
        { unitId: 1, role: 'leader' },
        { unitId: 3, role: 'member' },
      ],
      accounts: [
        { channel: 'wecom', platformUserId: 'zhangwei' },
        { channel: 'simulator', platformUserId: 'x' },
      ],
    },
  ],
});

describe('roster diff', () => {
  it('an identical person is unchanged; units and channels the roster does not manage are ignored', () => {
    const diff = diffRoster(snapshot(), [planned()]);
    expect(diff.newUnits).toEqual([]);
    expect(diff.changes[0]).toMatchObject({ status: 'unchanged', dropUnitIds: [], setRoles: [], addMemberships: [], dropChannels: [], addAccounts: [] });
  });

  it('a new person is created with all memberships and accounts, and new units are listed once', () => {
    const p = planned({ mobile: '13900000000', memberships: [{ kind: 'station', name: '新站', role: 'head' }] });
    const q = planned({ mobile: '13900000001', accounts: {}, memberships: [{ kind: 'station', name: '新站', role: 'member' }] });
    const diff = diffRoster(snapshot(), [p, q]);
    expect(diff.newUnits).toEqual([{ kind: 'station', name: '新站' }]);
    expect(diff.changes[0]).toMatchObject({ status: 'created', addAccounts: [{ channel: 'wecom', platformUserId: 'zhangwei' }] });
  });

  it('moving group drops the old membership and adds the new one', () => {
    const diff = diffRoster(snapshot(), [planned({ memberships: [{ kind: 'group', name: '第二组', role: 'member' }] })]);
    expect(diff.changes[0]).toMatchObject({
      status: 'updated',
      dropUnitIds: [1],
      addMemberships: [{ kind: 'group', name: '第二组', role: 'member' }],
    });
  });

  it('a new role in the same unit is a role change', () => {
    const diff = diffRoster(snapshot(), [planned({ memberships: [{ kind: 'group', name: '第一组', role: 'member' }] })]);
    expect(diff.changes[0]).toMatchObject({ status: 'updated', setRoles: [{ unitId: 1, role: 'member' }], dropUnitIds: [] });
  });

  it('a changed account is replaced (delete + create), a removed one only deleted', () => {
    const changed = diffRoster(snapshot(), [planned({ accounts: { wecom: { id: 'zw', rowNumber: 2 } } })]);
    expect(changed.changes[0]).toMatchObject({ dropChannels: ['wecom'], addAccounts: [{ channel: 'wecom', platformUserId: 'zw' }] });
    const removed = diffRoster(snapshot(), [planned({ accounts: {} })]);
    expect(removed.changes[0]).toMatchObject({ status: 'updated', dropChannels: ['wecom'], addAccounts: [] });
  });

  it('rule U1: a changed level set is an update', () => {
    const diff = diffRoster(snapshot(), [planned({ levels: ['县区'] })]);
    expect(diff.changes[0]).toMatchObject({ status: 'updated', fields: { levels: '县区' } });
  });
});
