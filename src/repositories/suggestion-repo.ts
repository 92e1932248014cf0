// Suggestions with registration numbers (rules S4, R6). The sequence per organisation, year
// and kind is taken inside the INSERT itself (MAX + 1), so there are no gaps and two
// concurrent submissions cannot share a number: the unique (orgId, year, kind, seq) makes the
// loser retry. The source key makes a reprocessed event find its suggestion again. The row is
// born at rev 1 with its submission as the last transition (see suggestion-lifecycle-repo).
import { Prisma, type Db } from './prisma.ts';
import { isUniqueViolation } from './db-errors.ts';
import { fourDigits, typed } from './sql-dialect.ts';

export interface NewSuggestion {
  orgId: number;
  personId: number;
  year: number;
  kind: string;
  kindCode: string;
  title: string;
  content: string;
  attachments: string[];
  onBehalfName?: string;
  onBehalfPhone?: string;
  sourceKey: string;
  now: Date;
  /** Rules S1, S4: assign by this date (YYYY-MM-DD, Asia/Shanghai). */
  assignDeadline?: string;
}

const MAX_TRIES = 5;

export async function createNumbered(db: Db, s: NewSuggestion): Promise<{ id: number; number: string; seq: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The values stand in a SELECT list, where PostgreSQL needs their types spelled out.
      const int = (v: number) => typed(db, v, 'integer');
      const text = (v: string | null) => typed(db, v, 'text');
      const at = typed(db, s.now, 'timestamp');
      const rows = await db.$queryRaw<{ id: number; number: string; seq: number }[]>`
        INSERT INTO "Suggestion" ("orgId", "personId", "year", "kind", "seq", "number", "title", "content", "attachments",
                                  "onBehalfName", "onBehalfPhone", "status", "sourceKey", "createdAt", "updatedAt",
                                  "origin", "assignDeadline", "rev", "lastAction", "lastActorId", "lastNote", "statusAt")
        SELECT ${int(s.orgId)}, ${int(s.personId)}, ${int(s.year)}, ${text(s.kind)}, next.seq,
               ${text(`${s.year}-${s.kindCode}-`)} || ${fourDigits(db, Prisma.sql`next.seq`)},
               ${text(s.title)}, ${text(s.content)}, ${text(JSON.stringify(s.attachments))}, ${text(s.onBehalfName ?? null)}, ${text(s.onBehalfPhone ?? null)},
               'submitted', ${text(s.sourceKey)}, ${at}, ${at},
               'recess', ${text(s.assignDeadline ?? null)}, 1, 'submit', ${int(s.personId)}, '', ${at}
        FROM (SELECT COALESCE(MAX("seq"), 0) + 1 AS seq FROM "Suggestion"
              WHERE "orgId" = ${s.orgId} AND "year" = ${s.year} AND "kind" = ${s.kind}) AS next
        WHERE true -- SQLite needs a WHERE before ON CONFLICT in INSERT .. SELECT
        ON CONFLICT ("sourceKey") DO NOTHING
        RETURNING "id", "number", "seq"`;
      if (rows[0]) return { id: Number(rows[0].id), number: rows[0].number, seq: Number(rows[0].seq) };
      const existing = await db.suggestion.findUniqueOrThrow({ where: { sourceKey: s.sourceKey }, select: { id: true, number: true, seq: true } });
      return existing;
    } catch (err) {
      const sequenceTaken = isUniqueViolation(err);
      if (!sequenceTaken || attempt >= MAX_TRIES) throw err;
    }
  }
}
