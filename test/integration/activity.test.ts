// Activities against a real SQLite file: invitees, list, cancel, the sign-in window queries
// (rule A6), and the office staff's command line as a child process.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { parseLocalDateTime } from '../../src/domain/time.ts';
import {
  findNextOpeningForPerson,
  findOpenForSignIn,
  findUpcomingForPerson,
} from '../../src/repositories/activity-repo.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { connectDb } from '../../src/repositories/prisma.ts';
import { cancelActivity, createActivity, listActivities, type CreateActivityInput } from '../../src/services/activity-service.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { addPerson } from '../helpers/seed.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const GROUP = '第一代表小组';

/** A Shanghai wall-clock time as an instant. */
function at(text: string): Date {
  const r = parseLocalDateTime(text);
  if (!r.ok) throw new Error(r.message);
  return r.date;
}

describe('activities in the database', () => {
  let t: TestDb;
  let orgId: number;
  let people: Record<'leader' | 'member' | 'both' | 'stationOnly', number>;

  beforeEach(async () => {
    t = await createTestDb();
    orgId = (await ensureOrganisation(t.db, 'test-county', '测试县人大常委会')).id;
    const group = (role: string) => ({ kind: 'group' as const, name: GROUP, role });
    const station = (role: string) => ({ kind: 'station' as const, name: '城关镇联络站', role });
    people = {
      leader: await addPerson(t.db, orgId, { name: '赵文华', mobile: '13800000101', units: [group('leader')] }),
      member: await addPerson(t.db, orgId, { name: '钱秀英', mobile: '13800000102', units: [group('member')] }),
      both: await addPerson(t.db, orgId, { name: '孙建国', mobile: '13800000103', units: [group('liaison'), station('head')] }),
      stationOnly: await addPerson(t.db, orgId, { name: '李春梅', mobile: '13800000104', units: [station('member')] }),
    };
  });
  afterEach(async () => {
    await t.close();
  });

  function input(over: Partial<CreateActivityInput> = {}): CreateActivityInput {
    return {
      orgId,
      unit: { name: GROUP },
      kind: '学习',
      title: '学习代表法',
      startAt: at('2026-12-05 14:30'),
      endAt: at('2026-12-05 17:00'),
      place: '县人大常委会三楼会议室',
      now: at('2026-12-01 10:00'),
      ...over,
    };
  }

  async function created(over: Partial<CreateActivityInput> = {}): Promise<number> {
    const r = await createActivity(t.db, input(over));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    return r.activity.id;
  }

  it('rule A6: create invites every member of the unit at creation time, and only them', async () => {
    const r = await createActivity(t.db, input({ kind: 'study', createdById: people.leader, signInCode: 'AB12' }));
    expect(r).toMatchObject({
      ok: true,
      activity: { kind: 'study', status: 'scheduled', inviteeCount: 3, signInCode: 'AB12', createdById: people.leader },
    });
    const id = r.ok ? r.activity.id : 0;
    const invitees = await t.db.activityInvitee.findMany({ where: { activityId: id }, orderBy: { personId: 'asc' } });
    expect(invitees.map((i) => i.personId)).toEqual([people.leader, people.member, people.both]);
    // Someone who joins later is not invited to an activity that already exists.
    await addPerson(t.db, orgId, { name: '周海涛', mobile: '13800000105', units: [{ kind: 'group', name: GROUP, role: 'member' }] });
    expect(await t.db.activityInvitee.count({ where: { activityId: id } })).toBe(3);
  });

  it('rule A6: the sign-in window length is the organisation policy at creation', async () => {
    await t.db.organisation.update({ where: { id: orgId }, data: { policy: JSON.stringify({ signInOpensMinutesBefore: 45 }) } });
    const r = await createActivity(t.db, input());
    expect(r).toMatchObject({ ok: true, activity: { signInOpensBefore: 45 } });
  });

  it('refuses, with every issue at once: unknown unit, unknown kind (rule A1), an end already past; nothing is written', async () => {
    const bad = { unit: { name: '第九小组' }, kind: '开会', startAt: at('2026-12-01 09:00'), endAt: at('2026-12-01 09:59') };
    const r = await createActivity(t.db, input(bad));
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.code}`)).toEqual(['unit:unit_not_found', 'kind:kind_unknown', 'endAt:already_ended']);
    expect(r.ok ? '' : r.issues[0]!.message).toBe('本组织没有名为「第九小组」的单位（现有：第一代表小组、城关镇联络站）');
    expect(await t.db.activity.count()).toBe(0);
  });

  it('a name used by a group and a station is ambiguous; a unit id from another organisation is not found', async () => {
    await addPerson(t.db, orgId, { name: '吴晓东', mobile: '13800000106', units: [{ kind: 'station', name: GROUP, role: 'member' }] });
    const r = await createActivity(t.db, input());
    const message = `「${GROUP}」同时是代表小组和联络站的名称，无法确定是哪一个`;
    expect(r).toMatchObject({ ok: false, issues: [{ code: 'unit_ambiguous', message }] });
    const other = (await ensureOrganisation(t.db, 'other-county')).id;
    const unit = await t.db.unit.findFirstOrThrow({ where: { orgId, kind: 'group' } });
    expect(await createActivity(t.db, input({ orgId: other, unit: { id: unit.id } }))).toMatchObject({
      ok: false,
      issues: [{ code: 'unit_not_found' }],
    });
    expect(await createActivity(t.db, input({ unit: { id: unit.id } }))).toMatchObject({ ok: true });
  });

  it('lists by start time with unit and invitee count, from 30 days back by default, per unit on request', async () => {
    const old = await created({ startAt: at('2026-10-01 09:00'), endAt: at('2026-10-01 11:00'), now: at('2026-09-01 00:00') });
    const recent = await created({ startAt: at('2026-11-10 09:00'), endAt: at('2026-11-10 11:00'), now: at('2026-09-01 00:00') });
    const later = await created({ startAt: at('2026-12-20 09:00'), endAt: at('2026-12-20 11:00') });
    const soon = await created({ unit: { name: '城关镇联络站' }, kind: '接待选民', title: '接待选民日' });
    const all = await listActivities(t.db, { orgId, now: at('2026-12-01 10:00') });
    expect(all.ok && all.activities.map((a) => a.id)).toEqual([recent, soon, later]);
    expect(all.ok && all.activities[1]).toMatchObject({ unit: { name: '城关镇联络站', kind: 'station' }, inviteeCount: 2 });
    const group = await listActivities(t.db, { orgId, unit: { name: GROUP }, from: at('2026-01-01 00:00'), now: at('2026-12-01 10:00') });
    expect(group.ok && group.activities.map((a) => a.id)).toEqual([old, recent, later]);
    const unknown = await listActivities(t.db, { orgId, unit: { name: '第九小组' }, now: at('2026-12-01 10:00') });
    expect(unknown).toMatchObject({ ok: false, issues: [{ field: 'unit' }] });
  });

  it('cancels a scheduled activity once; an ended one keeps its attendance record (rule A6)', async () => {
    const id = await created();
    const now = at('2026-12-02 09:00');
    expect(await cancelActivity(t.db, { orgId, id, now })).toMatchObject({ ok: true, activity: { id, status: 'cancelled' } });
    const again = await cancelActivity(t.db, { orgId, id, now });
    expect(again).toEqual({ ok: false, code: 'already_cancelled', message: `活动 ${id} 已经取消过了` });
    const ended = await created();
    expect(await cancelActivity(t.db, { orgId, id: ended, now: at('2026-12-05 17:01') })).toMatchObject({ ok: false, code: 'already_ended' });
    expect((await t.db.activity.findUniqueOrThrow({ where: { id: ended } })).status).toBe('scheduled');
    const other = (await ensureOrganisation(t.db, 'other-county')).id;
    expect(await cancelActivity(t.db, { orgId: other, id: ended, now })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await cancelActivity(t.db, { orgId, id: 999, now })).toMatchObject({ ok: false, code: 'not_found' });
  });

  describe('what a person may sign in to or ask leave for', () => {
    let first: number;
    let second: number;
    beforeEach(async () => {
      // 14:30–17:00, window opens 30 minutes before, at 14:00.
      first = await created();
      second = await created({ title: '视察', kind: '视察', startAt: at('2026-12-10 09:00'), endAt: at('2026-12-10 11:00') });
      const cancelled = await created({ title: '取消的', startAt: at('2026-12-05 15:00'), endAt: at('2026-12-05 16:00') });
      await cancelActivity(t.db, { orgId, id: cancelled, now: at('2026-12-01 10:00') });
      await created({ unit: { name: '城关镇联络站' }, title: '不邀请成员的', startAt: at('2026-12-05 14:00') });
    });

    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);

    it('upcoming: invited, scheduled, not started, soonest first', async () => {
      expect(ids(await findUpcomingForPerson(t.db, orgId, people.member, at('2026-12-05 14:29')))).toEqual([first, second]);
      expect(ids(await findUpcomingForPerson(t.db, orgId, people.member, at('2026-12-05 14:30')))).toEqual([second]);
      const [a] = await findUpcomingForPerson(t.db, orgId, people.member, at('2026-12-01 10:00'));
      expect(a?.unit).toEqual({ id: expect.any(Number), kind: 'group', name: GROUP });
      expect(await findUpcomingForPerson(t.db, orgId, people.stationOnly, at('2026-12-01 10:00'))).toHaveLength(1);
    });

    it('rule A6: the window opens 30 minutes before the start and closes at the end, both edges included', async () => {
      const open = async (text: string) => ids(await findOpenForSignIn(t.db, orgId, people.member, at(text)));
      expect(await open('2026-12-05 13:59')).toEqual([]);
      expect(ids(await findOpenForSignIn(t.db, orgId, people.member, new Date(at('2026-12-05 14:00').getTime() - 1)))).toEqual([]);
      expect(await open('2026-12-05 14:00')).toEqual([first]);
      expect(await open('2026-12-05 17:00')).toEqual([first]);
      expect(ids(await findOpenForSignIn(t.db, orgId, people.member, new Date(at('2026-12-05 17:00').getTime() + 1)))).toEqual([]);
      expect(ids(await findOpenForSignIn(t.db, orgId, people.stationOnly, at('2026-12-05 14:30')))).not.toContain(first);
    });

    it('rule A6: the next opening says when the window opens', async () => {
      const next = (text: string) => findNextOpeningForPerson(t.db, orgId, people.member, at(text));
      expect(await next('2026-12-05 13:59')).toMatchObject({ id: first, opensAt: at('2026-12-05 14:00') });
      expect(await next('2026-12-05 14:00')).toMatchObject({ id: second, opensAt: at('2026-12-10 08:30') });
      expect(await next('2026-12-10 08:30')).toBeUndefined();
    });

    it('rule A6: a longer window can open first even when the activity starts later', async () => {
      await t.db.activity.update({ where: { id: second }, data: { signInOpensBefore: 10 * 24 * 60 } });
      const next = await findNextOpeningForPerson(t.db, orgId, people.member, at('2026-11-29 00:00'));
      expect(next).toMatchObject({ id: second, opensAt: at('2026-11-30 09:00') });
      expect(ids(await findOpenForSignIn(t.db, orgId, people.member, at('2026-12-01 10:00')))).toEqual([second]);
    });
  });
});

// Each test runs the command line up to three times: on a busy 2-core machine that is more
// than the default 20 s, so the whole block gets a minute per test.
describe('npm run activity (the CLI, as a child process)', { timeout: 60_000 }, () => {
  let t: TestDb;
  const ORG = 'cli-county';
  const START = '2099-12-05 14:30';

  function cli(name: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
      // package.json's command on node directly, as the other command-line tests do: npx adds seconds per call.
      const child = spawn(process.execPath, npmRunArgs(name, ...args), { cwd: ROOT, env: { ...process.env, DATABASE_URL: t.url, ORG_CODE: ORG } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }
  const activity = (...args: string[]) => cli('activity', args);
  const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));

  beforeAll(async () => {
    t = await createTestDb();
    const imported = await cli('roster:import', ['prisma/seed/demo-roster.csv']);
    expect(imported.code).toBe(0);
  }, 150_000);
  afterAll(async () => {
    await t.close();
  });

  let id = 0;
  it('create prints the new id alone on its last line and invites the unit members', async () => {
    const r = await activity(
      ...['create', '--unit', GROUP, '--kind', '学习', '--title', '学习代表法'],
      ...['--start', START, '--end', '2099-12-05 17:00', '--place', '县人大会议室', '--code', 'AB12'],
    );
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out.at(-1)).toMatch(/^\d+$/);
    id = Number(out.at(-1));
    const db = await connectDb(t.url);
    try {
      const members = await db.membership.count({ where: { unit: { name: GROUP, org: { code: ORG } } } });
      expect(members).toBeGreaterThan(0);
      expect(await db.activityInvitee.count({ where: { activityId: id } })).toBe(members);
      const row = await db.activity.findUniqueOrThrow({ where: { id } });
      expect(row).toMatchObject({ kind: 'study', startAt: new Date('2099-12-05T06:30:00Z'), signInCode: 'AB12' });
      expect(out[0]).toBe(`已安排活动：${GROUP} 学习「学习代表法」2099-12-05 14:30–17:00，地点 县人大会议室，邀请 ${members} 人`);
    } finally {
      await db.$disconnect();
    }
  });

  it('rule A4: created too late for its notice, the card is in the outbox when the command exits ("已立即发出" is true)', async () => {
    // Three hours from now, whatever today is: always later than a 3-day notice allows.
    const shanghai = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    const soon = Date.now() + 3 * 3600_000;
    const r = await activity(
      ...['create', '--unit', GROUP, '--kind', '学习', '--title', '临时学习'],
      ...['--start', shanghai(soon), '--end', shanghai(soon + 3600_000), '--place', '县人大会议室'],
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('通知已立即发出');
    const late = Number(lines(r.stdout).at(-1));
    const db = await connectDb(t.url);
    try {
      const cards = await db.outbox.findMany({ where: { kind: 'card', idempotencyKey: { startsWith: `notice|${late}|notice:` } } });
      expect(cards).toHaveLength(1);
      expect(await db.notice.count({ where: { activityId: late, kind: { startsWith: 'notice:' }, status: { not: 'sent' } } })).toBe(0);
      await cancelActivity(db, { orgId: (await db.organisation.findUniqueOrThrow({ where: { code: ORG } })).id, id: late, now: new Date() });
    } finally {
      await db.$disconnect();
    }
  });

  it('list shows it in Shanghai time, with the invitee count', async () => {
    const r = await activity('list', '--unit', GROUP);
    expect(r.code).toBe(0);
    const line = new RegExp(`^${id}  2099-12-05 14:30–17:00  ${GROUP}  学习  学习代表法  县人大会议室  未开始  邀请 \\d+ 人$`);
    expect(lines(r.stdout)).toContainEqual(expect.stringMatching(line));
  });

  it('bad arguments print one line each, the unit check included, and exit 2 (rule A1 for the kind)', async () => {
    const r = await activity(
      ...['create', '--unit', '第九小组', '--kind', '开会', '--title', 'x'],
      ...['--start', '2099-02-30 14:00', '--end', '2099-12-05 25:00', '--place', '县'],
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const err = lines(r.stderr);
    expect(err.map((l) => l.split(':')[0])).toEqual(['--unit', '--kind', '--start', '--end', '用法：npm run activity -- --help']);
    expect(err[0]).toMatch(/^--unit: 本组织没有名为「第九小组」的单位（现有：第一代表小组、/);
    expect(err[2]).toBe('--start: 2099-02-30 不是存在的日期（2099 年 2 月只有 28 天）');
    expect((await activity('list', '--unit', '第九小组')).code).toBe(2);
    expect((await activity('cancel', 'abc')).code).toBe(2);
  });

  it('cancel works once, then is refused with exit 1; list shows it cancelled', async () => {
    const first = await activity('cancel', String(id));
    expect(first.code).toBe(0);
    expect(lines(first.stdout)).toEqual([`已取消活动 ${id}：${GROUP} 学习「学习代表法」2099-12-05 14:30–17:00`]);
    const again = await activity('cancel', String(id));
    expect(again.code).toBe(1);
    expect(lines(again.stderr)).toEqual([`活动 ${id} 已经取消过了`]);
    const list = await activity('list');
    expect(lines(list.stdout).find((l) => l.startsWith(`${id}  `))).toContain('  已取消  ');
  });

  it('--help shows the usage and exits 0', async () => {
    const r = await activity('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('npm run activity -- list [--unit 单位]');
  });
});
