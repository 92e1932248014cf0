// One year of the organisation's working-day calendar as office staff read and correct it
// (rule R4 counts working days on it; R1 moves reception days off its holidays): the days that
// differ from a plain Monday–Friday week, where each comes from, and whether the year has
// statutory data at all. `npm run calendar` and the console's 日历 page both use this.
import { toIsoDate, type CalendarOverride } from '../domain/calendar/working-days.ts';
import { daysInMonth, isoWeekday } from '../domain/shanghai-time.ts';
import { listOverrides, removeOverride, upsertOverride } from '../repositories/calendar-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { loadCalendar } from './calendar-service.ts';

export const OVERRIDE_KIND_LABEL = { holiday: '放假', workday: '上班' } as const;
const NAME_MAX = 20;

export interface YearDay {
  date: string;
  working: boolean;
  name?: string;
  /** 'override': the office's own correction; 'holiday-data': the statutory arrangement. */
  source: 'override' | 'holiday-data';
}

export interface CalendarYear {
  year: number;
  days: YearDay[];
  /** 'data': statutory data built in; 'overrides': none, only the office's days; 'none': weekends only. */
  coverage: 'data' | 'overrides' | 'none';
}

export async function calendarYear(db: Db, orgId: number, year: number): Promise<CalendarYear> {
  const calendar = await loadCalendar(db, orgId);
  const overrides = await listOverrides(db, orgId, year);
  const days: YearDay[] = [];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const civil = { year, month, day };
      const { value: info } = calendar.dayInfo(toIsoDate(civil));
      // Overrides always show (the office may want to remove them); statutory days only when they
      // change the plain Monday–Friday week, so a holiday's weekend days are left out.
      const differs = info.working !== isoWeekday(civil) <= 5;
      if (info.source === 'weekday' || (info.source === 'holiday-data' && !differs)) continue;
      days.push({ date: info.date, working: info.working, source: info.source, ...(info.name ? { name: info.name } : {}) });
    }
  }
  const coverage = calendar.coveredYears.includes(year) ? 'data' : overrides.length > 0 ? 'overrides' : 'none';
  return { year, days, coverage };
}

/** The normalised date 'YYYY-MM-DD', or one sentence saying why it is refused. */
export function checkCalendarDate(text: string): { date: string } | { error: string } {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return { error: `「${text}」格式不对，请写 YYYY-MM-DD，如 2027-01-01` };
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (year < 1900) return { error: `${text} 的年份太早` };
  if (month < 1 || month > 12) return { error: `${text} 不存在：月份应为 1–12` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return { error: `${text} 不存在：${year} 年 ${month} 月只有 ${last} 天` };
  return { date: toIsoDate({ year, month, day }) };
}

export type OverrideResult = { ok: true; override: CalendarOverride; message: string } | { ok: false; message: string };

/** Marks a day as a holiday or a working day for this organisation (replacing any earlier correction). */
export async function setCalendarOverride(db: Db, orgId: number, input: { date: string; kind: string; name?: string }): Promise<OverrideResult> {
  const date = checkCalendarDate(input.date);
  if ('error' in date) return { ok: false, message: date.error };
  if (input.kind !== 'holiday' && input.kind !== 'workday') return { ok: false, message: `类型「${input.kind}」不对：只能是 holiday（放假）或 workday（上班）` };
  const name = input.name?.trim() ?? '';
  if ([...name].length > NAME_MAX) return { ok: false, message: `名称最多 ${NAME_MAX} 个字` };
  const override: CalendarOverride = { date: date.date, kind: input.kind, ...(name ? { name } : {}) };
  await upsertOverride(db, orgId, override);
  return { ok: true, override, message: `已将 ${override.date} 设为${OVERRIDE_KIND_LABEL[override.kind]}${name ? `（${name}）` : ''}，本单位调整。` };
}

export async function removeCalendarOverride(db: Db, orgId: number, dateText: string): Promise<OverrideResult> {
  const date = checkCalendarDate(dateText);
  if ('error' in date) return { ok: false, message: date.error };
  if (!(await removeOverride(db, orgId, date.date))) return { ok: false, message: `${date.date} 没有本单位调整，无需删除。` };
  return { ok: true, override: { date: date.date, kind: 'holiday' }, message: `已删除 ${date.date} 的本单位调整。` };
}
