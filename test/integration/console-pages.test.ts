// Console actions that must agree with the chat, in local mode (demo county, the picker's
// sign-in): a leave decided in the console is first-decision-wins like the card and the
// requester is told (rules L1, L5); the reception register downloads with phones masked (R6).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';
import { consoleSignIn } from '../helpers/console.ts';

let t: TestBot;

beforeAll(async () => {
  t = await startTestBot({ mode: 'local', workers: 'manual' });
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

const signIn = (userId: string) => consoleSignIn(t, userId);

describe('the console decides leave as the card does', () => {
  it('rules L1, L5: the first decision wins, the second is told who decided, and the requester is told once', async () => {
    const db = t.bot.db;
    const station = await db.unit.findFirstOrThrow({ where: { orgId: t.bot.orgId, name: '城关镇人大代表联络站' } });
    const requester = await db.person.findFirstOrThrow({ where: { orgId: t.bot.orgId, name: '郑丽娟' } });
    const activity = await db.activity.create({ data: { orgId: t.bot.orgId, unitId: station.id, kind: 'inspection', title: '视察老旧小区改造', startAt: new Date('2026-12-03T06:30:00Z'), endAt: new Date('2026-12-03T08:30:00Z'), place: '幸福小区' } });
    await db.activityInvitee.create({ data: { activityId: activity.id, personId: requester.id } });
    const leave = await db.leaveRequest.create({ data: { orgId: t.bot.orgId, activityId: activity.id, personId: requester.id, year: 2026, reason: '要去市里参加人大培训' } });

    const first = await signIn('hejing');
    const second = await signIn('lvming');
    expect(await (await first.go('/console/leave')).text()).toContain('要去市里参加人大培训');
    expect(await first.post(`/console/leave/${leave.id}/decide`, { decision: 'approved' })).toBe('已批准郑丽娟的请假申请，已通知本人。');
    expect(await second.post(`/console/leave/${leave.id}/decide`, { decision: 'rejected', note: '不同意' })).toMatch(/^这条请假已由何静于.*批准，无需再处理。$/);
    expect((await db.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })).status).toBe('approved');
    const told = await eventually(async () => { const rows = await db.outbox.findMany({ where: { idempotencyKey: `leave-outcome:${leave.id}` } }); return rows.length > 0 ? rows : undefined; });
    expect(told).toHaveLength(1);
    expect(JSON.parse(told[0]!.payload)).toMatchObject({ kind: 'text', toUsers: ['zhenglijuan'] });
    expect(JSON.parse(told[0]!.payload).text).toContain('批准');
  });

  it('rejecting without a reason is refused with one sentence and decides nothing', async () => {
    const db = t.bot.db;
    const leave = await db.leaveRequest.findFirstOrThrow({ where: { orgId: t.bot.orgId } });
    await db.leaveRequest.update({ where: { id: leave.id }, data: { status: 'pending', decidedById: null, decidedAt: null } });
    const staff = await signIn('hejing');
    expect(await staff.post(`/console/leave/${leave.id}/decide`, { decision: 'rejected', note: ' ' })).toBe('驳回请写明理由。');
    expect((await db.leaveRequest.findUniqueOrThrow({ where: { id: leave.id } })).status).toBe('pending');
  });
});

describe('台帐', () => {
  it('rule R6: the reception register downloads as CSV with phones masked unless asked for in full', async () => {
    const db = t.bot.db;
    const station = await db.unit.findFirstOrThrow({ where: { orgId: t.bot.orgId, kind: 'station' } });
    const deputy = await db.person.findFirstOrThrow({ where: { orgId: t.bot.orgId, name: '郑丽娟' } });
    await db.receptionVisit.create({ data: { orgId: t.bot.orgId, unitId: station.id, recordedById: deputy.id, visitorName: '王大爷', visitorPhone: '13912345678', issue: '小区路灯不亮', category: '城建', deadline: '2026-12-02', sourceKey: 'test-visit-1', createdAt: t.clock.now() } });
    const staff = await signIn('hejing');
    const masked = await staff.go('/console/registers/reception.csv?year=2026');
    expect(masked.headers.get('content-type')).toMatch(/^text\/csv/);
    const text = await masked.text();
    expect(text).toContain('139****5678');
    expect(text).not.toContain('13912345678');
    expect(await (await staff.go('/console/registers/reception.csv?year=2026&full=1')).text()).toContain('13912345678');
    // Any register as XLSX, from the same export service as the command line; phones masked (R6).
    const book = await staff.go(`/console/registers/book.xlsx?book=${encodeURIComponent('接待登记簿')}&unit=${station.id}&from=2026-11-01&to=2026-11-30`);
    expect(book.headers.get('content-disposition')).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await book.arrayBuffer()) as unknown as ArrayBuffer);
    const cells = JSON.stringify(wb.worksheets[0]!.getSheetValues());
    expect(cells).toContain('139****5678');
    expect(cells).not.toContain('13912345678');
    const reversed = await staff.go(`/console/registers/book.xlsx?book=all&from=2026-11-30&to=2026-11-01`);
    expect(await reversed.text()).not.toContain('PK');
  });
});
