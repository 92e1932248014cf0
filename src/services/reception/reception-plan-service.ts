// Rules R1, R2: a station's reception-day rule, the reception occurrences it materialises and
// the deputies on duty at each. "Upcoming" means today (Asia/Shanghai) or later; a rule change
// only cancels days after today, because today's reception is already announced and under way,
// and past days are history (the register R3 refers to them).
//
// Leave (people on leave that day are skipped, R2): planOccurrences takes `unavailable`
// (date → person ids); the reception sync fills it from approved leave of activities that day.
// The station head can still override a duty (`station duty`).
import {
  DEFAULT_RECEPTION_RULE,
  receptionDates,
  receptionRuleSchema,
  type ReceptionDate,
  type ReceptionRule,
  type YearMonth,
} from '../../domain/calendar/reception-rule.ts';
import { planDutyRotation } from '../../domain/calendar/duty-rotation.ts';
import { toIsoDate, type IsoDate, type WorkingCalendar } from '../../domain/calendar/working-days.ts';
import { shanghaiParts } from '../../domain/shanghai-time.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import {
  cancelFuturePlannedExcept,
  dutiesBetween,
  findOccurrence,
  futurePlanned,
  insertDuties,
  occurrencesBetween,
  replaceDuties,
  saveStationRule,
  stationDeputies,
  upsertPlanned,
  type Station,
} from '../../repositories/reception-repo.ts';

export interface PlannedDay extends ReceptionDate {
  /** Materialised (planned or held), with its duty deputies' names in id order. */
  stored: boolean;
  duties: string[];
}

export interface PlanOptions {
  /** Rule R2: deputies on duty each day; the organisation's receptionDutiesPerDay when left out. */
  perOccurrence?: number;
  unavailable?: Readonly<Record<IsoDate, readonly number[]>>;
}

export function todayIn(now: Date): IsoDate {
  return toIsoDate(shanghaiParts(now).date);
}

export function monthOf(date: IsoDate): YearMonth {
  return date.slice(0, 7);
}

export function addMonthsTo(month: YearMonth, delta: number): YearMonth {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The stored rule, or the default (R1) when none was set or the stored JSON is unreadable. */
export function stationRule(station: Station): ReceptionRule {
  if (!station.receptionRule) return DEFAULT_RECEPTION_RULE;
  try {
    const parsed = receptionRuleSchema.safeParse(JSON.parse(station.receptionRule));
    return parsed.success ? parsed.data : DEFAULT_RECEPTION_RULE;
  } catch {
    return DEFAULT_RECEPTION_RULE;
  }
}

/**
 * The next `count` reception days on or after today. Starts a month early because a day moved
 * off a holiday can land in the following month (the 31st moved to the 1st).
 */
export function upcomingDates(rule: ReceptionRule, count: number, now: Date, calendar: WorkingCalendar) {
  const today = todayIn(now);
  const all = receptionDates(rule, addMonthsTo(monthOf(today), -1), count + 2, calendar);
  return { value: all.value.filter((d) => d.date >= today).slice(0, count), assumedYears: all.assumedYears };
}

/** Read-only: the dates with what is stored for them (duties of materialised days). */
export async function previewDates(
  db: Db,
  station: Station,
  from: YearMonth | undefined,
  months: number,
  now: Date,
  calendar: WorkingCalendar,
) {
  const rule = stationRule(station);
  const dates = from ? receptionDates(rule, from, months, calendar) : upcomingDates(rule, months, now, calendar);
  return { ...dates, value: await withStored(db, station.id, dates.value) };
}

/** Validates, stores and re-plans: upcoming planned days the new rule drops are cancelled. */
export async function setStationRule(db: Db, station: Station, input: unknown, now: Date, calendar: WorkingCalendar, options: PlanOptions = {}) {
  const parsed = receptionRuleSchema.safeParse(input);
  if (!parsed.success) return { ok: false as const, message: parsed.error.issues.map((i) => i.message).join('；') };
  const rule = parsed.data;
  await saveStationRule(db, station.id, JSON.stringify(rule));
  const updated = { ...station, receptionRule: JSON.stringify(rule) };
  const today = todayIn(now);
  const planned = await futurePlanned(db, station.id, today);
  let cancelled = 0;
  let replanned: PlannedDay[] = [];
  const last = planned.at(-1);
  if (last) {
    // Re-plan as far ahead as was planned before, so the horizon does not shrink.
    const from = monthOf(today);
    const months = monthsBetween(from, last.month) + 1;
    const dates = receptionDates(rule, from, months, calendar).value.filter((d) => d.date > today);
    cancelled = await cancelFuturePlannedExcept(db, station.id, today, dates.map((d) => d.date), now);
    replanned = (await planOccurrences(db, updated, from, months, now, calendar, options)).value;
  }
  return { ok: true as const, rule, station: updated, cancelled, replanned };
}

/**
 * Materialises the upcoming days of `months` months from `from` and gives each day without
 * duties its deputies by the rotation (R2), counting this year's and last year's turns.
 */
export async function planOccurrences(
  db: Db,
  station: Station,
  from: YearMonth,
  months: number,
  now: Date,
  calendar: WorkingCalendar,
  options: PlanOptions = {},
) {
  const today = todayIn(now);
  const dates = receptionDates(stationRule(station), from, months, calendar);
  const upcoming = dates.value.filter((d) => d.date >= today);
  await upsertPlanned(db, station.orgId, station.id, upcoming, now);
  const first = upcoming[0];
  const last = upcoming.at(-1);
  if (first && last) {
    const perOccurrence = options.perOccurrence ?? (await loadPolicy(db, station.orgId)).receptionDutiesPerDay;
    await assignDuties(db, station.id, first.date, last.date, { ...options, perOccurrence });
  }
  return { value: await withStored(db, station.id, upcoming), assumedYears: dates.assumedYears };
}

async function assignDuties(db: Db, unitId: number, from: IsoDate, to: IsoDate, options: PlanOptions): Promise<void> {
  const occurrences = (await occurrencesBetween(db, unitId, from, to)).filter((o) => o.status === 'planned');
  const since = `${Number(from.slice(0, 4)) - 1}-01-01`;
  const past = await dutiesBetween(db, unitId, since, `${to.slice(0, 4)}-12-31`);
  const staffed = new Set(past.map((d) => d.occurrenceId));
  const open = occurrences.filter((o) => !staffed.has(o.id));
  if (open.length === 0) return;
  const deputies = await stationDeputies(db, unitId);
  const unavailable = Object.fromEntries(
    Object.entries(options.unavailable ?? {}).map(([date, ids]) => [date, ids.map(String)]),
  );
  const rotation = planDutyRotation({
    deputyIds: deputies.map((d) => String(d.id)),
    past: past.map((d) => ({ date: d.date, deputyId: String(d.personId) })),
    occurrences: open.map((o) => o.date),
    perOccurrence: options.perOccurrence!,
    unavailable,
  });
  const byDate = new Map(open.map((o) => [o.date, o.id]));
  for (const slot of rotation.slots) {
    const id = byDate.get(slot.date);
    if (id !== undefined) await insertDuties(db, id, slot.deputyIds.map(Number), 'rotation');
  }
}

async function withStored(db: Db, unitId: number, dates: ReceptionDate[]): Promise<PlannedDay[]> {
  const first = dates[0];
  const last = dates.at(-1);
  if (!first || !last) return [];
  const lo = dates.reduce((m, d) => (d.date < m ? d.date : m), first.date);
  const hi = dates.reduce((m, d) => (d.date > m ? d.date : m), last.date);
  const stored = new Set((await occurrencesBetween(db, unitId, lo, hi)).filter((o) => o.status !== 'cancelled').map((o) => o.date));
  const duties = await dutiesBetween(db, unitId, lo, hi);
  return dates.map((d) => ({
    ...d,
    stored: stored.has(d.date),
    duties: duties.filter((x) => x.date === d.date).map((x) => x.name),
  }));
}

function monthsBetween(a: YearMonth, b: YearMonth): number {
  const index = (m: YearMonth) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
  return Math.max(0, index(b) - index(a));
}

export type OverrideResult =
  | { ok: true; date: IsoDate; names: string[] }
  | { ok: false; reason: 'unknown_names'; names: string[] }
  | { ok: false; reason: 'no_occurrence' };

/** Rule R2: the station head sets who is on duty on one day (source 'override'). */
export async function overrideDuties(db: Db, station: Station, date: IsoDate, names: string[]): Promise<OverrideResult> {
  const deputies = await stationDeputies(db, station.id);
  const unknown = names.filter((n) => !deputies.some((d) => d.name === n));
  if (unknown.length > 0) return { ok: false, reason: 'unknown_names', names: unknown };
  const occurrence = await findOccurrence(db, station.id, date);
  if (!occurrence || occurrence.status === 'cancelled') return { ok: false, reason: 'no_occurrence' };
  const ids = [...new Set(names)].map((n) => deputies.find((d) => d.name === n)!.id);
  await replaceDuties(db, occurrence.id, ids);
  return { ok: true, date, names: [...new Set(names)] };
}
