// Rules U5, R6: office staff export any unit or the whole organisation; a unit's lead roles only
// their units; others nothing.
import { describe, expect, it } from 'vitest';
import { exportScope } from '../../../../src/domain/registers/export-access.ts';
import type { Actor } from '../../../../src/domain/roles.ts';

const unit = (id: number, name: string, kind = 'group') => ({ id, name, kind });
const actor = (memberships: { role: string; unit: ReturnType<typeof unit> }[]): Actor => ({ levels: ['县区'], isStaff: false, memberships });
const G1 = unit(1, '第一代表小组');
const G2 = unit(2, '第二代表小组');
const S1 = unit(3, '城关镇人大代表联络站', 'station');
const OFFICE = unit(9, '人大常委会办公室', 'office');

describe('who may export which registers (rules U5, R6)', () => {
  it('office staff: the whole organisation, or any unit they name', () => {
    const staff = actor([{ role: 'staff', unit: OFFICE }]);
    expect(exportScope(staff)).toEqual({ ok: true, unit: undefined, office: true });
    expect(exportScope(staff, G2)).toEqual({ ok: true, unit: G2, office: true });
  });

  it('a leader or liaison: their unit; with several, they must name one; never another unit', () => {
    const leader = actor([{ role: 'leader', unit: G1 }, { role: 'member', unit: S1 }]);
    expect(exportScope(leader)).toEqual({ ok: true, unit: { id: 1, name: '第一代表小组' }, office: false });
    expect(exportScope(leader, S1)).toEqual({ ok: false, reason: 'not_your_unit', units: [{ id: 1, name: '第一代表小组' }] });
    const both = actor([{ role: 'liaison', unit: G1 }, { role: 'head', unit: S1 }]);
    expect(exportScope(both)).toMatchObject({ ok: false, reason: 'choose_unit' });
    expect(exportScope(both, S1)).toMatchObject({ ok: true, unit: S1 });
  });

  it('a member who leads nothing may not export', () => {
    expect(exportScope(actor([{ role: 'member', unit: G1 }]))).toEqual({ ok: false, reason: 'not_allowed' });
  });
});
