import { describe, expect, it } from 'vitest';
import { keepsUnit, keptUnitIds, maySeeVisit, type Actor } from '../../../src/domain/roles.ts';

const unit = (id: number, kind = 'group') => ({ id, kind, name: `单位${id}` });
const actor = (memberships: Actor['memberships'], id = 1): Actor & { id: number } => ({ id, levels: ['县区'], isStaff: false, memberships });

describe('who keeps which unit (rules U2, U3, U5)', () => {
  it('rule U5: office staff keep every unit of the organisation', () => {
    const staff = actor([{ role: 'staff', unit: unit(9, 'office') }]);
    expect(keptUnitIds(staff)).toBe('all');
    expect(keepsUnit(staff, 42)).toBe(true);
  });

  it('rules U2, U3: a leader, vice leader, liaison, head or vice head keeps that unit only; a member keeps none', () => {
    const leader = actor([
      { role: 'leader', unit: unit(1) },
      { role: 'member', unit: unit(2, 'station') },
      { role: 'vice_head', unit: unit(3, 'station') },
    ]);
    expect(keptUnitIds(leader)).toEqual([1, 3]);
    expect(keepsUnit(leader, 2)).toBe(false);
    expect(keptUnitIds(actor([{ role: 'member', unit: unit(1) }]))).toEqual([]);
  });
});

describe('rule R6: who sees a visitor', () => {
  it('rule R6: office staff and the deputy who recorded the visit, nobody else — not the station head', () => {
    const head = actor([{ role: 'head', unit: unit(2, 'station') }], 5);
    expect(maySeeVisit(head, { recordedById: 7 })).toBe(false);
    expect(maySeeVisit(head, { recordedById: 5 })).toBe(true);
    expect(maySeeVisit(actor([{ role: 'staff', unit: unit(9, 'office') }], 8), { recordedById: 7 })).toBe(true);
  });
});
