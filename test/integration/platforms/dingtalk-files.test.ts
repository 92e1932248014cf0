// A register asked for by chat on DingTalk comes back as a file (issue 15): the export worker
// uploads it through the old API's media/upload (multipart, the app's token in the query) and
// the outbox sends a robot sampleFile message with that mediaId — against the fake DingTalk,
// its Stream and HTTP API on loopback.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeDingtalk } from '../../../src/simulator/fake-dingtalk.ts';
import { startDingtalkFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { seedRegisterQuarter } from '../../helpers/register-seed.ts';

let fb: FlowBot;
let dt: FakeDingtalk;
let stop: () => Promise<void>;

beforeEach(async () => {
  ({ fb, dt, stop } = await startDingtalkFlowBot());
  await seedRegisterQuarter(fb.t.bot.db, fb.t.bot.config.orgCode);
  // 韩雪松 (第三代表小组's leader) uses DingTalk only.
  await fb.t.bot.db.platformAccount.updateMany({ where: { channel: 'wecom', platformUserId: 'hanxuesong' }, data: { channel: 'dingtalk', platformUserId: 'dt-hanxuesong' } });
});
afterEach(() => stop());

describe('DingTalk files', () => {
  it('导出 on DingTalk: the file is uploaded with media/upload and sent as sampleFile with its mediaId', async () => {
    await dt.ackOf(dt.pushText('dt-hanxuesong', '导出 考勤簿 上季度'));
    await fb.chat.settle();
    const name = '考勤簿-第三代表小组-2026-07-01-2026-09-30.xlsx';
    expect(dt.calls.filter((c) => c.path === '/media/upload')).toEqual([expect.objectContaining({ body: expect.objectContaining({ type: 'file', fileName: name }) })]);
    const [file] = dt.filesTo('dt-hanxuesong');
    expect(file).toMatchObject({ fileName: name, fileType: 'xlsx' });
    expect(dt.textsTo('dt-hanxuesong').at(-1)).toBe('《代表活动考勤簿》（第三代表小组，2026年第三季度）：考勤簿 0 行。文件如下。');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file!.bytes as unknown as ArrayBuffer);
    expect(wb.getWorksheet('考勤簿')!.getCell('A1').value).toBe('示范县人大常委会 第三代表小组 代表活动考勤簿');
    expect(await fb.t.bot.db.outbox.findFirstOrThrow({ where: { idempotencyKey: { startsWith: 'export|' }, channel: 'dingtalk', status: 'sent' }, orderBy: { id: 'desc' } })).toBeTruthy();
  });

  it('an expired token at upload time is fetched again and the upload repeated once', async () => {
    await dt.ackOf(dt.pushText('dt-hanxuesong', '导出 考勤簿 上季度'));
    const w = fb.t.bot.workers!;
    await w.inbound.runOnce();
    // 正在生成…: the client now holds a token.
    for (let i = 0; i < 50 && dt.textsTo('dt-hanxuesong').length === 0; i++) await w.outbox.runOnce();
    expect(dt.textsTo('dt-hanxuesong')).toHaveLength(1);
    dt.expireTokens();
    await w.exports.runOnce(); // the upload meets 40014 with the held token
    await fb.chat.settle();
    expect(dt.filesTo('dt-hanxuesong')).toHaveLength(1);
    expect(await fb.t.bot.db.exportRequest.findFirstOrThrow()).toMatchObject({ status: 'done' });
  });

  it('a sampleFile whose mediaId DingTalk does not hold is refused as final, not reported as sent', async () => {
    const { DingtalkClient } = await import('../../../src/platforms/dingtalk/client.ts');
    const client = new DingtalkClient(fb.t.bot.dingtalk!, fb.clock);
    await expect(client.send({ kind: 'file', toUsers: ['dt-hanxuesong'], mediaId: '@unknown', fileName: 'a.xlsx', mediaExpiresAt: '2027-01-01T00:00:00Z' })).rejects.toMatchObject({ final: true, code: 400 });
  });
});
