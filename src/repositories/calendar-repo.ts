// An organisation's calendar overrides (rule R4's working days): days an admin marks as a
// holiday or a workday, because chinese-days lags the State Council's late notices.
import type { CalendarOverride } from '../domain/calendar/working-days.ts';
import type { Db } from './prisma.ts';

/** The org's overrides by date; with a year, only that year's (dates compare as strings). */
export async function listOverrides(db: Db, orgId: number, year?: number): Promise<CalendarOverride[]> {
  const rows = await db.calendarOverride.findMany({
    where: { orgId, ...(year === undefined ? {} : { date: { gte: `${year}-01-01`, lte: `${year}-12-31` } }) },
    select: { date: true, kind: true, name: true },
    orderBy: { date: 'asc' },
  });
  return rows.map((r) => ({
    date: r.date,
    // Only this module writes the column, so anything else is a hand edit: treat it as a day off.
    kind: r.kind === 'workday' ? 'workday' : 'holiday',
    ...(r.name ? { name: r.name } : {}),
  }));
}

/** Adds or replaces the org's override for that date. */
export async function upsertOverride(db: Db, orgId: number, o: CalendarOverride): Promise<void> {
  const data = { kind: o.kind, name: o.name ?? null };
  await db.calendarOverride.upsert({ where: { orgId_date: { orgId, date: o.date } }, create: { orgId, date: o.date, ...data }, update: data });
}

/** True when there was an override to remove. */
export async function removeOverride(db: Db, orgId: number, date: string): Promise<boolean> {
  const { count } = await db.calendarOverride.deleteMany({ where: { orgId, date } });
  return count > 0;
}
