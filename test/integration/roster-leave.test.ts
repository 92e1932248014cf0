// Rule U1 and the seeds' "代表资格的自行终止、代表关系转移": a roster preview names who would be new,
// updated, unchanged and who is no longer listed; office staff deactivate people who left (their
// units and accounts go, their records and a history row stay), and a later import that lists
// them again brings them back. Real SQLite.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findPersonByAccount } from '../../src/repositories/people-repo.ts';
import { historyOf, listLeft } from '../../src/repositories/roster-history-repo.ts';
import { deactivatePeople } from '../../src/services/roster/roster-leave.ts';
import { importRoster, previewRoster } from '../../src/services/roster/roster-service.ts';
import { ROSTER_HEADER } from '../../src/services/roster/roster-types.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

const ORG = 'test-county';
const ROWS = [
  '张伟,13800138000,zhangwei,,县区,第一代表小组,组长,,',
  '李娜,13800138001,lina,,乡镇,第一代表小组,成员,,',
  '王芳,13800138002,wangfang,,县区,第一代表小组,成员,,',
  '赵敏,13900139000,zhaomin,,工作人员,,,,',
];
const NOW = new Date('2026-11-23T02:00:00Z');

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
  await importRoster(t.db, { orgCode: ORG, file: csv('first.csv', ROWS), now: NOW });
});
afterEach(() => t.close());

function csv(name: string, lines: string[]): string {
  const path = join(t.dir, name);
  writeFileSync(path, `${[ROSTER_HEADER.join(','), ...lines].join('\n')}\n`);
  return path;
}
const orgId = async () => (await t.db.organisation.findUniqueOrThrow({ where: { code: ORG } })).id;
const wangfang = () => t.db.person.findFirstOrThrow({ where: { mobile: '13800138002' }, include: { memberships: true, accounts: true } });

describe('roster preview and people who left (rule U1)', () => {
  it('rule U1: the preview lists new, updated, unchanged and left people and writes nothing', async () => {
    const before = await t.db.person.count();
    const lines = [ROWS[0]!, '李娜,13800138001,lina,,乡镇,第一代表小组,联络员,,', ROWS[3]!, '周强,13800138003,zhouqiang,,县区,第一代表小组,成员,,'];
    const bytes = Buffer.from([ROSTER_HEADER.join(','), ...lines].join('\n'));
    const preview = await previewRoster(t.db, { orgCode: ORG, file: 'upload.csv', bytes });
    expect(preview.created).toEqual(['周强']);
    expect(preview.updated).toEqual([{ name: '李娜', rejoined: false }]);
    expect(preview.report.unchanged).toBe(2);
    expect(preview.left.map((p) => p.name)).toEqual(['王芳']);
    expect(preview.report.applied).toBe(false);
    expect(await t.db.person.count()).toBe(before);
  });

  it('rule U1: a row error is reported with its row number and nothing would be imported', async () => {
    const bytes = Buffer.from([ROSTER_HEADER.join(','), ROWS[0], '李娜,1380013,lina,,乡镇,第一代表小组,成员,,'].join('\n'));
    const preview = await previewRoster(t.db, { orgCode: ORG, file: 'bad.csv', bytes });
    expect(preview.report.errors.map((e) => `${e.rowNumber}:${e.reason}`)).toEqual(['3:手机号「1380013」不是 11 位手机号']);
  });

  it('rule U1: deactivating someone who left removes their units and account, keeps a history row, and the bot no longer knows them', async () => {
    const id = (await wangfang()).id;
    const staff = await t.db.person.findFirstOrThrow({ where: { name: '赵敏' } });
    const result = await deactivatePeople(t.db, { orgId: await orgId(), personIds: [id], reason: '代表资格终止', actorId: staff.id, now: NOW });
    expect(result).toEqual({ ok: true, names: ['王芳'] });
    const after = await wangfang();
    expect(after.leftAt).toEqual(NOW);
    expect(after.memberships).toEqual([]);
    expect(after.accounts).toEqual([]);
    expect(await findPersonByAccount(t.db, await orgId(), 'wecom', 'wangfang')).toBeUndefined();
    const [event] = await historyOf(t.db, await orgId());
    expect(event).toMatchObject({ action: 'left', note: '代表资格终止', personName: '王芳', actorName: '赵敏', detail: { units: [{ kind: 'group', name: '第一代表小组', role: 'member' }], accounts: [{ channel: 'wecom', platformUserId: 'wangfang' }] } });
    expect((await listLeft(t.db, await orgId())).map((p) => [p.name, p.note])).toEqual([['王芳', '代表资格终止']]);
    // A second click changes nothing and records nothing twice.
    expect(await deactivatePeople(t.db, { orgId: await orgId(), personIds: [id], reason: '代表资格终止', actorId: staff.id, now: NOW })).toEqual({ ok: true, names: [] });
    expect(await t.db.rosterEvent.count()).toBe(1);
  });

  it('rule U1: a reason is required, and nobody deactivates themselves', async () => {
    const staff = await t.db.person.findFirstOrThrow({ where: { name: '赵敏' } });
    expect(await deactivatePeople(t.db, { orgId: await orgId(), personIds: [(await wangfang()).id], reason: ' ', actorId: staff.id, now: NOW })).toMatchObject({ ok: false });
    expect(await deactivatePeople(t.db, { orgId: await orgId(), personIds: [staff.id], reason: '调离', actorId: staff.id, now: NOW })).toEqual({ ok: false, message: '不能停用自己。' });
  });

  it('rule U1: a later import that lists them again brings them back, with a rejoined row', async () => {
    const id = (await wangfang()).id;
    await deactivatePeople(t.db, { orgId: await orgId(), personIds: [id], reason: '代表关系转出', actorId: null, now: NOW });
    const preview = await previewRoster(t.db, { orgCode: ORG, file: 'again.csv', bytes: Buffer.from([ROSTER_HEADER.join(','), ...ROWS].join('\n')) });
    expect(preview.updated).toEqual([{ name: '王芳', rejoined: true }]);
    expect(preview.left).toEqual([]);
    const report = await importRoster(t.db, { orgCode: ORG, file: csv('again.csv', ROWS), now: NOW });
    expect(report.updated).toBe(1);
    const back = await wangfang();
    expect(back.leftAt).toBeNull();
    expect(back.accounts.map((a) => a.platformUserId)).toEqual(['wangfang']);
    expect((await historyOf(t.db, await orgId())).map((e) => e.action)).toEqual(['rejoined', 'left']);
  });
});
