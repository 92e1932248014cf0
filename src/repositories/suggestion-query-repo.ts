// Reading suggestions for the office, the departments and the deputies (rules S1–S6). The
// constituent a suggestion was raised for (rule R6) is never part of these views.
import { activeDepartments, type ActiveDepartment } from './suggestion-detail-repo.ts';
import type { Db } from './prisma.ts';
import { slices } from './slices.ts';

export interface SuggestionView {
  id: number;
  orgId: number;
  number: string;
  kind: string;
  title: string;
  status: string;
  personId: number;
  personName: string;
  year: number;
  createdAt: Date;
  origin: string;
  sessionClosedOn: string | null;
  assignDeadline: string | null;
  answerDeadline: string | null;
  assignedAt: Date | null;
  extensions: number;
  rounds: number;
  mergedIntoId: number | null;
  departments: ActiveDepartment[];
}

const SELECT = {
  id: true, orgId: true, number: true, kind: true, title: true, status: true, personId: true, year: true, createdAt: true,
  origin: true, sessionClosedOn: true, assignDeadline: true, answerDeadline: true, assignedAt: true, extensions: true,
  rounds: true, mergedIntoId: true,
} as const;

type Row = Omit<SuggestionView, 'personName' | 'departments' | 'origin' | 'extensions' | 'rounds'> & {
  origin: string | null;
  extensions: number | null;
  rounds: number | null;
};

async function toViews(db: Db, rows: Row[]): Promise<SuggestionView[]> {
  const departments = await activeDepartments(db, rows.map((r) => r.id));
  const people = new Map<number, string>();
  for (const part of slices([...new Set(rows.map((r) => r.personId))])) {
    for (const p of await db.person.findMany({ where: { id: { in: part } }, select: { id: true, name: true } })) people.set(p.id, p.name);
  }
  return rows.map((r) => ({
    ...r,
    // Columns added to older rows are null until set (see the schema).
    origin: r.origin ?? 'recess',
    extensions: r.extensions ?? 0,
    rounds: r.rounds ?? 0,
    personName: people.get(r.personId) ?? '',
    departments: departments.get(r.id) ?? [],
  }));
}

export async function findByNumber(db: Db, orgId: number, number: string): Promise<SuggestionView | undefined> {
  const row = await db.suggestion.findUnique({ where: { orgId_number: { orgId, number } }, select: SELECT });
  return row ? (await toViews(db, [row]))[0] : undefined;
}

/** By id, within the organisation: an id that came from a click is never trusted across organisations. */
export async function findSuggestion(db: Db, orgId: number, id: number): Promise<SuggestionView | undefined> {
  const row = await db.suggestion.findFirst({ where: { id, orgId }, select: SELECT });
  return row ? (await toViews(db, [row]))[0] : undefined;
}

export async function findSuggestions(db: Db, ids: number[]): Promise<Map<number, SuggestionView>> {
  const rows = [];
  for (const part of slices([...new Set(ids)])) rows.push(...(await db.suggestion.findMany({ where: { id: { in: part } }, select: SELECT })));
  return new Map((await toViews(db, rows)).map((v) => [v.id, v]));
}

/** The content and attachments, for those who handle it (never the constituent's identity). */
export async function findContent(db: Db, id: number) {
  return db.suggestion.findUnique({ where: { id }, select: { content: true, attachments: true } });
}

export interface ListFilter {
  statuses?: readonly string[];
  /** Only suggestions actively assigned to one of these departments. */
  departmentIds?: number[];
  personId?: number;
  mergedIntoId?: number;
}

export async function listSuggestions(db: Db, orgId: number, f: ListFilter = {}): Promise<SuggestionView[]> {
  const assigned = f.departmentIds
    ? new Set((await db.suggestionAssignment.findMany({ where: { orgId, active: true, departmentId: { in: f.departmentIds } }, select: { suggestionId: true } })).map((a) => a.suggestionId))
    : undefined;
  const rows = await db.suggestion.findMany({
    where: {
      orgId,
      ...(f.statuses ? { status: { in: [...f.statuses] } } : {}),
      ...(f.personId !== undefined ? { personId: f.personId } : {}),
      ...(f.mergedIntoId !== undefined ? { mergedIntoId: f.mergedIntoId } : {}),
    },
    select: SELECT,
    orderBy: [{ year: 'asc' }, { kind: 'asc' }, { seq: 'asc' }],
  });
  return toViews(db, assigned ? rows.filter((r) => assigned.has(r.id)) : rows);
}

/** Rule S6: suggestions per deputy in a year (returned ones do not count). */
export async function countsByPerson(db: Db, orgId: number, year: number): Promise<Map<number, number>> {
  const rows = await db.suggestion.groupBy({ by: ['personId'], where: { orgId, year, status: { not: 'returned' } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.personId, r._count._all]));
}

/** Rule S2: of the year's suggestions that reached a department, how many had a 面商. */
export async function talkShare(db: Db, orgId: number, year: number): Promise<{ assigned: number; withTalk: number }> {
  const rows = await db.$queryRaw<{ assigned: number; withTalk: number }[]>`
    SELECT COUNT(*) AS "assigned",
           SUM(CASE WHEN EXISTS (SELECT 1 FROM "SuggestionTalk" t WHERE t."suggestionId" = s."id") THEN 1 ELSE 0 END) AS "withTalk"
    FROM "Suggestion" s WHERE s."orgId" = ${orgId} AND s."year" = ${year} AND s."assignedAt" IS NOT NULL`;
  return { assigned: Number(rows[0]?.assigned ?? 0), withTalk: Number(rows[0]?.withTalk ?? 0) };
}

export async function findDepartmentByName(db: Db, orgId: number, name: string) {
  return db.department.findUnique({ where: { orgId_name: { orgId, name } }, select: { id: true, name: true } });
}

/** The departments whose handler this person is (work unit = department name). */
export async function departmentsHandledBy(db: Db, orgId: number, workUnit: string | null): Promise<{ id: number; name: string }[]> {
  if (!workUnit) return [];
  return db.department.findMany({ where: { orgId, name: workUnit.trim() }, select: { id: true, name: true } });
}

/** Rule S3: the latest answer's rating of each suggestion of the year that has one. */
export async function latestRatings(db: Db, orgId: number, year: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ rating: string }[]>`
    SELECT a."rating" AS "rating" FROM "SuggestionAnswer" a JOIN "Suggestion" s ON s."id" = a."suggestionId"
    WHERE s."orgId" = ${orgId} AND s."year" = ${year} AND a."rating" IS NOT NULL
      AND a."round" = (SELECT MAX(b."round") FROM "SuggestionAnswer" b WHERE b."suggestionId" = a."suggestionId")`;
  return rows.map((r) => r.rating);
}
