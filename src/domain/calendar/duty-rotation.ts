// Rule R2: the deputies on duty at reception days take turns (轮流), each at least once a year.
// Turns are counted per calendar year: whoever has served least this year goes first, so nobody
// gets a second turn while an available colleague has had none, and with enough occurrences
// everyone serves. Ties go to whoever served longest ago (this carries the order across the
// new year), then to the smaller id, so the same input always gives the same plan.
import type { IsoDate } from './working-days.ts';

export interface DutyAssignment {
  date: IsoDate;
  deputyId: string;
}

export interface DutyRotationInput {
  /** The station's deputies (U3); duplicates are ignored. */
  deputyIds: readonly string[];
  /** Duties already fixed (held or announced); those of other deputies are ignored. */
  past: readonly DutyAssignment[];
  /** Reception days to fill (R1); filled in date order, a repeated date once. */
  occurrences: readonly IsoDate[];
  /** Deputies on duty per reception day. */
  perOccurrence: number;
  /** Who cannot serve on a date (leave, a session, a trip), by date. */
  unavailable?: Readonly<Record<IsoDate, readonly string[]>>;
}

export interface DutySlot {
  date: IsoDate;
  deputyIds: string[];
  /** Seats left empty because too few deputies were available: staff must find someone. */
  missing: number;
}

export interface DutyRotation {
  slots: DutySlot[];
  /** Rule R2: per year of the occurrences, deputies with no duty that year even after this plan. */
  notServed: { year: number; deputyIds: string[] }[];
}

interface DeputyTally {
  id: string;
  perYear: Map<number, number>;
  last: IsoDate | undefined;
}

const yearOf = (date: IsoDate) => Number(date.slice(0, 4));

/** Rule R2: a fair, deterministic choice of duty deputies for each occurrence. */
export function planDutyRotation(input: DutyRotationInput): DutyRotation {
  if (!Number.isInteger(input.perOccurrence) || input.perOccurrence < 1) {
    throw new RangeError(`perOccurrence must be a whole number ≥ 1: ${input.perOccurrence}`);
  }
  const records = new Map<string, DeputyTally>();
  for (const id of input.deputyIds) records.set(id, { id, perYear: new Map(), last: undefined });
  for (const duty of input.past) {
    const r = records.get(duty.deputyId);
    if (r) serve(r, duty.date);
  }
  const dates = [...new Set(input.occurrences)].sort();
  const slots = dates.map((date) => fill(date, [...records.values()], input));
  const years = [...new Set(dates.map(yearOf))];
  const notServed = years.map((year) => ({
    year,
    deputyIds: [...records.values()].filter((r) => !r.perYear.get(year)).map((r) => r.id).sort(byId),
  }));
  return { slots, notServed };
}

function fill(date: IsoDate, records: DeputyTally[], input: DutyRotationInput): DutySlot {
  const away = new Set(input.unavailable?.[date] ?? []);
  const year = yearOf(date);
  const chosen = records
    .filter((r) => !away.has(r.id))
    .sort((a, b) => fewestThisYear(a, b, year) || longestSince(a, b) || byId(a.id, b.id))
    .slice(0, input.perOccurrence);
  for (const r of chosen) serve(r, date);
  return { date, deputyIds: chosen.map((r) => r.id), missing: input.perOccurrence - chosen.length };
}

function serve(r: DeputyTally, date: IsoDate): void {
  const year = yearOf(date);
  r.perYear.set(year, (r.perYear.get(year) ?? 0) + 1);
  if (r.last === undefined || date > r.last) r.last = date;
}

function fewestThisYear(a: DeputyTally, b: DeputyTally, year: number): number {
  return (a.perYear.get(year) ?? 0) - (b.perYear.get(year) ?? 0);
}

/** Never served comes first, then the earliest last duty. */
function longestSince(a: DeputyTally, b: DeputyTally): number {
  if (a.last === b.last) return 0;
  if (a.last === undefined) return -1;
  if (b.last === undefined) return 1;
  return a.last < b.last ? -1 : 1;
}

// Code-unit order, not locale order: the plan must not depend on the server's ICU data.
function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
