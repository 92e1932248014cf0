// Rules A6, L5: a database from before the attendance state machine keeps what people said.
// The migration turns each earlier answer and leave request into its attendance state (a
// sign-in already recorded stays), so a deputy with a pending leave cannot now click 参加 past it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../src/repositories/migrate.ts';

const dir = mkdtempSync(join(tmpdir(), 'attendance-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the attendance_states migration', () => {
  it('rule A6/L5: earlier answers and leave requests become states; a recorded sign-in or approved leave is kept', () => {
    const url = `file:${join(dir, 'old.db')}`;
    const all = readMigrations();
    const at = all.findIndex((m) => m.name.endsWith('_attendance_states'));
    expect(at).toBeGreaterThan(0);
    migrate(url, all.slice(0, at));
    const db = new Database(join(dir, 'old.db'));
    const t = '2026-11-20T02:00:00.000Z';
    db.exec(`INSERT INTO "Organisation" ("id", "code", "name") VALUES (1, 'default', '县')`);
    db.exec(`INSERT INTO "Unit" ("id", "orgId", "kind", "name", "updatedAt") VALUES (1, 1, 'group', '第一代表小组', '${t}')`);
    db.exec(`INSERT INTO "Activity" ("id", "orgId", "unitId", "kind", "title", "startAt", "endAt", "place", "updatedAt")
             VALUES (1, 1, 1, 'study', '学习', '2026-11-27T06:00:00.000Z', '2026-11-27T08:00:00.000Z', '会议室', '${t}')`);
    const leave = (person: number, status: string) =>
      db.exec(`INSERT INTO "LeaveRequest" ("orgId", "activityId", "personId", "year", "reason", "status", "createdAt") VALUES (1, 1, ${person}, 2026, '外出', '${status}', '${t}')`);
    const rsvp = (person: number, answer: string) =>
      db.exec(`INSERT INTO "Rsvp" ("orgId", "activityId", "personId", "answer", "answeredAt") VALUES (1, 1, ${person}, '${answer}', '${t}')`);
    const attendance = (person: number, status: string) =>
      db.exec(`INSERT INTO "Attendance" ("orgId", "activityId", "personId", "status", "method", "updatedAt") VALUES (1, 1, ${person}, '${status}', 'self', '${t}')`);
    rsvp(1, 'attend');
    leave(2, 'pending'), rsvp(2, 'leave');
    leave(3, 'approved'), rsvp(3, 'leave'), attendance(3, 'leave');
    leave(4, 'rejected'), rsvp(4, 'leave');
    rsvp(5, 'attend'), attendance(5, 'present');
    leave(6, 'approved'); // approved before approval wrote attendance rows
    db.close();

    expect(migrate(url).applied).toEqual(all.slice(at).map((m) => m.name));
    const after = new Database(join(dir, 'old.db'), { readonly: true });
    const states = after.prepare(`SELECT "personId", "status" FROM "Attendance" ORDER BY "personId"`).all();
    after.close();
    expect(states).toEqual([
      { personId: 1, status: 'attending' },
      { personId: 2, status: 'leave_pending' },
      { personId: 3, status: 'leave' },
      { personId: 4, status: 'leave_rejected' },
      { personId: 5, status: 'present' },
      { personId: 6, status: 'leave' },
    ]);
  });
});
