// The console's month calendar of activities (rule A4's activities, rule R1's reception days)
// on the organisation's working-day calendar (holidays and make-up days, rule R4's calendar),
// in Asia/Shanghai. It reads through the same service as the 活动 list, so a leader sees the
// units they keep and office staff the organisation.
import { monthGrid, type MonthGrid } from '../../domain/calendar/month-grid.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/working-days.ts';
import type { Actor } from '../../domain/roles.ts';
import { isoWeekday, shanghaiInstant, shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import type { Db } from '../../repositories/prisma.ts';
import { loadCalendar } from '../calendar-service.ts';
import { activitiesBetween, receptionDaysFor } from './console-service.ts';

/** More than any county schedules in a month; past it the page says some are not shown. */
export const CALENDAR_MAX = 500;

type Activity = Awaited<ReturnType<typeof activitiesBetween>>[number];
type Reception = Awaited<ReturnType<typeof receptionDaysFor>>[number];

export interface CalendarDay {
  date: IsoDate;
  weekday: number;
  working: boolean;
  /** 'holiday': a day off on a weekday (法定假日 or the office's own); 'workday': a make-up day on a weekend. */
  special?: 'holiday' | 'workday';
  name?: string;
  activities: Activity[];
  /** Reception days not (yet) published as an activity. */
  receptions: Reception[];
}

export interface ActivityCalendar {
  grid: MonthGrid;
  days: Map<IsoDate, CalendarDay>;
  today: IsoDate;
  truncated: boolean;
  /** Years of this month without holiday data: the days off shown are weekends only. */
  assumedYears: number[];
}

export async function activityCalendar(db: Db, person: Actor & { orgId: number }, year: number, month: number, now: Date): Promise<ActivityCalendar> {
  const grid = monthGrid(year, month);
  const from = shanghaiInstant(parseIsoDate(grid.first), 0, 0);
  const to = new Date(shanghaiInstant(parseIsoDate(grid.last), 24, 0).getTime() - 1);
  const [activities, receptions, calendar] = await Promise.all([
    activitiesBetween(db, person, from, to, CALENDAR_MAX),
    receptionDaysFor(db, person, grid.first, grid.last),
    loadCalendar(db, person.orgId),
  ]);
  const days = new Map<IsoDate, CalendarDay>();
  const assumed = new Set<number>();
  for (const date of grid.weeks.flat()) {
    if (!date) continue;
    const { value: info, assumedYears } = calendar.dayInfo(date);
    assumedYears.forEach((y) => assumed.add(y));
    const weekday = isoWeekday(parseIsoDate(date));
    const special = info.working === weekday <= 5 ? undefined : info.working ? 'workday' : 'holiday';
    days.set(date, { date, weekday, working: info.working, special, ...(info.name && info.source !== 'weekday' ? { name: info.name } : {}), activities: [], receptions: [] });
  }
  // An activity spanning midnight is shown on the day it starts; one that began last month is left out.
  for (const a of activities) days.get(shanghaiIsoDate(a.startAt))?.activities.push(a);
  for (const r of receptions) {
    const day = days.get(r.date);
    if (day && !day.activities.some((a) => a.kind === 'reception' && a.unit.id === r.unitId)) day.receptions.push(r);
  }
  return { grid, days, today: shanghaiIsoDate(now), truncated: activities.length >= CALENDAR_MAX, assumedYears: [...assumed].sort() };
}
