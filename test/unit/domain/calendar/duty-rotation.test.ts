// Rule R2: duty deputies at reception days take turns, each at least once a year.
import { describe, expect, it } from 'vitest';
import { planDutyRotation, type DutySlot } from '../../../../src/domain/calendar/duty-rotation.ts';
import { DEFAULT_RECEPTION_RULE, receptionDates } from '../../../../src/domain/calendar/reception-rule.ts';
import { createWorkingCalendar } from '../../../../src/domain/calendar/working-days.ts';

const deputies = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'];
// The 12 reception days of 2026 under the default rule (R1), holidays already moved.
const days = receptionDates(DEFAULT_RECEPTION_RULE, '2026-01', 12, createWorkingCalendar()).value.map((r) => r.date);
const day = (i: number) => days[i]!;
const unavailable = {
  [day(0)]: ['d1', 'd9'],
  [day(1)]: ['d1'],
  [day(2)]: ['d1', 'd4'],
  [day(3)]: ['d5'],
  [day(5)]: ['d2', 'd3', 'd7'],
  [day(8)]: ['d9'],
  [day(11)]: ['d6'],
};

/** Duty counts after each slot, replayed from the plan. */
function countsAfterEachSlot(slots: DutySlot[]): Map<string, number>[] {
  const counts = new Map(deputies.map((d) => [d, 0]));
  return slots.map((slot) => {
    for (const id of slot.deputyIds) counts.set(id, (counts.get(id) ?? 0) + 1);
    return new Map(counts);
  });
}

describe('rule R2: a simulated year, 12 reception days, 2 on duty, 9 deputies', () => {
  const plan = planDutyRotation({ deputyIds: deputies, past: [], occurrences: days, perOccurrence: 2, unavailable });

  it('rule R2: every day gets two different deputies, none of them unavailable', () => {
    expect(plan.slots.map((s) => s.date)).toEqual(days);
    for (const slot of plan.slots) {
      expect(slot.missing).toBe(0);
      expect(new Set(slot.deputyIds).size).toBe(2);
      for (const id of slot.deputyIds) expect(unavailable[slot.date] ?? []).not.toContain(id);
    }
  });

  it('rule R2: nobody serves twice before everyone has served once', () => {
    const slotIndex = (id: string, nth: number) =>
      plan.slots.map((s, i) => (s.deputyIds.includes(id) ? i : -1)).filter((i) => i >= 0)[nth - 1] ?? Infinity;
    const everyoneOnce = Math.max(...deputies.map((id) => slotIndex(id, 1)));
    const firstSecondTurn = Math.min(...deputies.map((id) => slotIndex(id, 2)));
    expect(everyoneOnce).toBeLessThan(Infinity);
    expect(firstSecondTurn).toBeGreaterThanOrEqual(everyoneOnce);
  });

  it('rule R2: in every later round too, nobody available with fewer turns is passed over', () => {
    const before = [new Map(deputies.map((d) => [d, 0])), ...countsAfterEachSlot(plan.slots)];
    plan.slots.forEach((slot, i) => {
      const counts = before[i]!;
      const passedOver = deputies.filter((d) => !slot.deputyIds.includes(d) && !(unavailable[slot.date] ?? []).includes(d));
      for (const chosen of slot.deputyIds) {
        for (const other of passedOver) expect(counts.get(other)).toBeGreaterThanOrEqual(counts.get(chosen)!);
      }
    });
    // Someone two turns ahead only happens when the one behind was away: d9 on 09-01 here.
    const gaps = countsAfterEachSlot(plan.slots).map((c) => Math.max(...c.values()) - Math.min(...c.values()));
    expect(gaps.map((g, i) => (g > 1 ? plan.slots[i]?.date : null)).filter(Boolean)).toEqual(['2026-09-01']);
  });

  it('rule R2: everybody serves in the year, 2 or 3 times for 24 seats', () => {
    expect(plan.notServed).toEqual([{ year: 2026, deputyIds: [] }]);
    const final = countsAfterEachSlot(plan.slots).at(-1)!;
    expect([...final.values()].sort()).toEqual([2, 2, 2, 3, 3, 3, 3, 3, 3]);
  });

  it('rule R2: the plan is deterministic, whatever the order of the input', () => {
    const again = planDutyRotation({
      deputyIds: [...deputies].reverse(),
      past: [],
      occurrences: [...days].reverse(),
      perOccurrence: 2,
      unavailable,
    });
    expect(again).toEqual(plan);
    expect(plan.slots[0]?.deputyIds).toEqual(['d2', 'd3']);
  });
});

describe('rule R2: history and shortages', () => {
  it("rule R2: last year's duties do not count this year, but whoever served longest ago goes first", () => {
    const past = [
      { date: '2025-03-04', deputyId: 'd5' },
      { date: '2025-05-06', deputyId: 'd6' },
      { date: '2025-07-01', deputyId: 'd7' },
      { date: '2025-11-04', deputyId: 'd1' },
      { date: '2025-12-02', deputyId: 'd2' },
      { date: '2025-12-02', deputyId: 'gone' },
    ];
    const deputyIds = ['d1', 'd2', 'd5', 'd6', 'd7', 'd9'];
    const plan = planDutyRotation({ deputyIds, past, occurrences: days.slice(0, 3), perOccurrence: 2 });
    expect(plan.slots.map((s) => s.deputyIds)).toEqual([['d9', 'd5'], ['d6', 'd7'], ['d1', 'd2']]);
  });

  it("rule R2: this year's fixed duties count: they serve again only after the others", () => {
    const past = [{ date: day(0), deputyId: 'd1' }, { date: day(0), deputyId: 'd2' }];
    const plan = planDutyRotation({ deputyIds: ['d1', 'd2', 'd3', 'd4'], past, occurrences: days.slice(1, 3), perOccurrence: 2 });
    expect(plan.slots.map((s) => s.deputyIds)).toEqual([['d3', 'd4'], ['d1', 'd2']]);
  });

  it('rule R2: when the only newcomer is away, a second turn is unavoidable and the newcomer goes first next time', () => {
    const plan = planDutyRotation({
      deputyIds: ['d1', 'd2', 'd3'],
      past: [],
      occurrences: days.slice(0, 3),
      perOccurrence: 1,
      unavailable: { [day(2)]: ['d3'] },
    });
    expect(plan.slots.map((s) => s.deputyIds)).toEqual([['d1'], ['d2'], ['d1']]);
    const past = plan.slots.flatMap((s) => s.deputyIds.map((deputyId) => ({ date: s.date, deputyId })));
    const next = planDutyRotation({ deputyIds: ['d1', 'd2', 'd3'], past, occurrences: [day(3)], perOccurrence: 1 });
    expect(next.slots[0]?.deputyIds).toEqual(['d3']);
  });

  it('rule R2: too few available leaves seats missing; someone away all year is reported as not served', () => {
    const away = Object.fromEntries(days.map((d) => [d, ['d3']]));
    const plan = planDutyRotation({ deputyIds: ['d1', 'd2', 'd3'], past: [], occurrences: days, perOccurrence: 3, unavailable: away });
    expect(plan.slots.every((s) => s.missing === 1 && s.deputyIds.length === 2)).toBe(true);
    expect(plan.notServed).toEqual([{ year: 2026, deputyIds: ['d3'] }]);
    expect(() => planDutyRotation({ deputyIds: deputies, past: [], occurrences: days, perOccurrence: 0 })).toThrow(RangeError);
  });
});
