// A month laid out as the console's calendar shows it: Monday-first weeks of Asia/Shanghai
// civil dates, with the days before the 1st and after the last left blank, and the month's
// neighbours for the 上月 / 下月 links. Pure: the month comes in as text, nothing reads a clock.
import { daysInMonth, isoWeekday } from '../shanghai-time.ts';
import { toIsoDate, type IsoDate } from './working-days.ts';

/** 'YYYY-MM'. */
export type MonthText = string;

export interface MonthGrid {
  month: MonthText;
  year: number;
  monthNumber: number;
  first: IsoDate;
  last: IsoDate;
  /** Weeks of seven cells, Monday first; null outside the month. */
  weeks: (IsoDate | null)[][];
  previous: MonthText;
  next: MonthText;
}

const MONTH = /^(\d{4})-(\d{2})$/;

/** The month of 'YYYY-MM', or undefined when it is not one (bad input from a link). */
export function parseMonth(text: string): { year: number; month: number } | undefined {
  const m = MONTH.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1900 && month >= 1 && month <= 12 ? { year, month } : undefined;
}

export function monthText(year: number, month: number): MonthText {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

export function shiftMonth(year: number, month: number, delta: number): MonthText {
  const index = year * 12 + (month - 1) + delta;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
}

export function monthGrid(year: number, month: number): MonthGrid {
  const days = daysInMonth(year, month);
  const cells: (IsoDate | null)[] = Array.from({ length: isoWeekday({ year, month, day: 1 }) - 1 }, () => null);
  for (let day = 1; day <= days; day++) cells.push(toIsoDate({ year, month, day }));
  while (cells.length % 7) cells.push(null);
  const weeks: (IsoDate | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return {
    month: monthText(year, month), year, monthNumber: month,
    first: toIsoDate({ year, month, day: 1 }), last: toIsoDate({ year, month, day: days }),
    weeks, previous: shiftMonth(year, month, -1), next: shiftMonth(year, month, 1),
  };
}
