// Local mode's clock: its base plus an offset that only grows; ISO 8601 in business time.
import { describe, expect, it } from 'vitest';
import { fixedClock, movableClock } from '../../../src/lib/clock.ts';
import { parseIsoInstant, toShanghaiIso } from '../../../src/lib/shanghai-iso.ts';

describe('movableClock', () => {
  it('runs with its base and keeps the offset it was moved by', () => {
    const base = fixedClock('2026-11-23T02:00:00Z');
    const clock = movableClock(base);
    clock.moveTo(new Date('2026-11-26T01:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-26T01:00:00.000Z');
    base.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-11-26T01:01:30.000Z');
    expect(clock.offsetMs()).toBe(Date.parse('2026-11-26T01:00:00Z') - Date.parse('2026-11-23T02:00:00Z'));
  });

  it('never moves back', () => {
    const clock = movableClock(fixedClock('2026-11-23T02:00:00Z'), 3_600_000);
    expect(() => clock.moveTo(new Date('2026-11-23T02:30:00Z'))).toThrow(RangeError);
    expect(clock.now().toISOString()).toBe('2026-11-23T03:00:00.000Z');
    clock.moveTo(new Date('2026-11-23T03:00:00Z')); // standing still is not going back
  });
});

describe('ISO 8601 in business time', () => {
  it('writes +08:00 whatever the machine zone, to the second', () => {
    expect(toShanghaiIso(new Date('2026-11-23T16:30:45.678Z'))).toBe('2026-11-24T00:30:45+08:00');
  });

  it.each([
    ['2026-12-01T09:00:00+08:00', '2026-12-01T01:00:00.000Z'],
    ['2026-12-01T01:00:00Z', '2026-12-01T01:00:00.000Z'],
    ['2026-12-01T09:00+0800', '2026-12-01T01:00:00.000Z'],
    ['2026-12-01T09:00', '2026-12-01T01:00:00.000Z'], // no offset: Shanghai wall time
    ['2026-12-01 09:00:30.5-05:00', '2026-12-01T14:00:30.500Z'],
  ])('reads %s', (text, iso) => {
    expect(parseIsoInstant(text)?.toISOString()).toBe(iso);
  });

  it.each(['明天', '2026-12-01', '2027-02-29T09:00', '2026-12-01T24:00', '2026-12-01T09:60', '2026-12-01T09:00+8'])('refuses %s', (text) => {
    expect(parseIsoInstant(text)).toBeUndefined();
  });
});
