// The clock control's daily stop: 09:00 Shanghai, when the daily jobs of the tick run.
import { describe, expect, it } from 'vitest';
import { nextMorning } from '../../../src/simulator/sim-clock.ts';

describe('nextMorning', () => {
  it.each([
    ['2026-11-23T02:00:00Z', '2026-11-24T01:00:00.000Z'], // Mon 10:00 → Tue 09:00
    ['2026-11-23T00:59:59Z', '2026-11-23T01:00:00.000Z'], // Mon 08:59:59 → Mon 09:00
    ['2026-11-23T01:00:00Z', '2026-11-24T01:00:00.000Z'], // at 09:00 → tomorrow's
    ['2026-12-31T16:30:00Z', '2027-01-01T01:00:00.000Z'], // 00:30 on New Year's Day (UTC still 12-31)
  ])('from %s', (now, next) => {
    expect(nextMorning(new Date(now)).toISOString()).toBe(next);
  });
});
