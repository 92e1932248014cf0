// The periods a performance record is read over (rules P2, P4): a calendar year and its two
// halves, and a month (P3), as Shanghai instants [from, to). Pure.
import { shanghaiInstant, shanghaiParts } from '../shanghai-time.ts';

export interface Period {
  from: Date;
  to: Date;
}

export function yearPeriod(year: number): Period {
  return { from: shanghaiInstant({ year, month: 1, day: 1 }, 0, 0), to: shanghaiInstant({ year: year + 1, month: 1, day: 1 }, 0, 0) };
}

/** The half year (1: January–June, 2: July–December) an instant falls in. */
export function halfOf(now: Date): { year: number; half: 1 | 2 } {
  const { date } = shanghaiParts(now);
  return { year: date.year, half: date.month <= 6 ? 1 : 2 };
}

export function halfPeriod(year: number, half: 1 | 2): Period {
  return half === 1
    ? { from: shanghaiInstant({ year, month: 1, day: 1 }, 0, 0), to: shanghaiInstant({ year, month: 7, day: 1 }, 0, 0) }
    : { from: shanghaiInstant({ year, month: 7, day: 1 }, 0, 0), to: shanghaiInstant({ year: year + 1, month: 1, day: 1 }, 0, 0) };
}

export function monthPeriod(year: number, month: number): Period {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { from: shanghaiInstant({ year, month, day: 1 }, 0, 0), to: shanghaiInstant({ ...next, day: 1 }, 0, 0) };
}

/** 'YYYY-MM-DD' bounds of a period, for rows that store a civil date (inclusive from, exclusive to). */
export function isoBounds(p: Period): { from: string; to: string } {
  const iso = (d: Date) => {
    const { date } = shanghaiParts(d);
    return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  };
  return { from: iso(p.from), to: iso(p.to) };
}
