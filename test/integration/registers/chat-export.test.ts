// 导出 考勤簿 上季度 by chat, through the real callback path: the request is answered at once,
// the worker builds the file off the event, uploads it (media/upload, multipart) and sends it
// as a file message with WeCom's duplicate check; only the units a person leads or serves;
// everyone else is told whom to ask (rules U5, R6).
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../src/lib/clock.ts';
import { startTestBot, TEST_NOW, type TestBot } from '../../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../../helpers/fake-wecom.ts';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { seedRegisterQuarter } from '../../helpers/register-seed.ts';

async function drain(t: TestBot): Promise<void> {
  const w = t.bot.workers!;
  for (let i = 0; i < 30; i++) {
    if ((await w.inbound.runOnce()) + (await w.exports.runOnce()) + (await w.outbox.runOnce()) === 0) return;
  }
  throw new Error('workers did not settle');
}

describe('导出 by chat, at the fake WeCom API (end to end)', () => {
  let t: TestBot;
  let fake: FakeWecom;
  beforeEach(async () => {
    const clock = fixedClock(TEST_NOW);
    fake = await startFakeWecom(clock);
    t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url } });
    await seedRegisterQuarter(t.bot.db, t.bot.config.orgCode);
  });
  afterEach(async () => {
    await t.stop();
    await fake.stop();
  });

  it('a group leader gets their group\'s attendance book as a file message, built by the worker and uploaded first', async () => {
    const res = await t.sender.sendText('hanxuesong', '导出 考勤簿 上季度'); // 第三代表小组's leader: one unit
    expect(res.status).toBe(200);
    await t.bot.workers!.inbound.runOnce();
    // Answered before any file exists: the event's processing builds nothing.
    expect(await t.bot.db.exportRequest.count({ where: { status: 'pending' } })).toBe(1);
    expect(fake.callCount('/cgi-bin/media/upload')).toBe(0);
    await drain(t);
    expect(fake.textsTo('hanxuesong')).toEqual([
      '正在生成《代表活动考勤簿》（第三代表小组，2026年第三季度），生成后以文件发给您。',
      '《代表活动考勤簿》（第三代表小组，2026年第三季度）：考勤簿 0 行。文件如下。',
      '[file 考勤簿-第三代表小组-2026-07-01-2026-09-30.xlsx]',
    ]);
    const file = fake.store.inConversation('user:hanxuesong').find((m) => m.kind === 'file')!;
    expect(file.file!.name).toBe('考勤簿-第三代表小组-2026-07-01-2026-09-30.xlsx');
    const send = fake.faults.calls.find((c) => c.path === '/cgi-bin/message/send' && c.body.msgtype === 'file')!;
    expect(send.body).toMatchObject({ touser: 'hanxuesong', msgtype: 'file', file: { media_id: file.file!.mediaId }, enable_duplicate_check: 1, duplicate_check_interval: 14400 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fake.store.media.peek(file.file!.mediaId)!.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考勤簿')!;
    expect(ws.getCell('A1').value).toBe('示范县人大常委会 第三代表小组 代表活动考勤簿');
    expect(ws.getCell('A4').value).toBe('本期没有记录。');
    expect(await t.bot.db.exportRequest.findFirstOrThrow()).toMatchObject({ status: 'done', sheets: '[{"name":"考勤簿","rows":0}]' });
  });

  it('office staff get any unit; the file holds the rows; a second look at the same event builds nothing again', async () => {
    await t.sender.sendText('hejing', '导出 考勤簿 第一代表小组 2026年第三季度');
    await drain(t);
    const file = fake.store.inConversation('user:hejing').find((m) => m.kind === 'file')!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fake.store.media.peek(file.file!.mediaId)!.bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('考勤簿')!;
    expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual([1, '赵文华', '出席', '出席', '出席', 3, 3, 0, 0, 1]);
    expect(fake.textsTo('hejing')[1]).toBe('《代表活动考勤簿》（第一代表小组，2026年第三季度）：考勤簿 6 行。文件如下。');
    expect(fake.callCount('/cgi-bin/media/upload')).toBe(1);
    // The request is keyed by its event: processing it again asks for nothing new.
    const event = await t.bot.db.inboundEvent.findFirstOrThrow({ where: { senderId: 'hejing' } });
    await t.bot.db.inboundEvent.update({ where: { id: event.id }, data: { status: 'pending', nextAttemptAt: new Date(0) } });
    await drain(t);
    expect(await t.bot.db.exportRequest.count()).toBe(1);
    expect(fake.callCount('/cgi-bin/media/upload')).toBe(1);
  });
});

describe('导出: who may have which registers (rules U5, R6)', () => {
  let fb: FlowBot;
  beforeEach(async () => {
    fb = await startFlowBot();
    await seedRegisterQuarter(fb.t.bot.db, fb.t.bot.config.orgCode);
  });
  afterEach(() => fb.stop());
  const say = (user: string, text: string) => fb.chat.say(user, text);

  it('rule U5: a member who leads nothing is told whom to ask, by name', async () => {
    expect(await say('wuxiaodong', '导出 考勤簿 本季度')).toBe(
      '台帐由各单位的组长、联络员和办公室工作人员导出，请找赵文华（第一代表小组组长）、钱秀英（第一代表小组副组长）、孙建国（第一代表小组联络员）。',
    );
    expect(await fb.t.bot.db.exportRequest.count()).toBe(0);
  });

  it('rule U5: a leader of two units names one; another unit\'s registers are refused with whom to ask', async () => {
    expect(await say('zhaowenhua', '导出 考勤簿 本季度')).toBe('您负责第一代表小组、城关镇人大代表联络站，请写明导出哪个单位，例如“导出 考勤簿 第一代表小组 本季度”。');
    expect(await say('zhaowenhua', '导出 考勤簿 第二代表小组 本季度')).toBe(
      '您只能导出第一代表小组、城关镇人大代表联络站的台帐；第二代表小组的台帐请找王国强（第二代表小组组长）、冯玉兰（第二代表小组副组长）、陈志明（第二代表小组联络员）。',
    );
    expect(await fb.t.bot.db.exportRequest.count()).toBe(0);
  });

  it('an unknown book, a missing or unreadable period each get one sentence', async () => {
    expect(await say('hejing', '导出 台帐簿 本月')).toMatch(/^没有名为“台帐簿”的台帐；可导出：会议登记簿、/);
    expect(await say('hejing', '导出 考勤簿')).toBe('请写明时间，例如“导出 考勤簿 本季度”“导出 考勤簿 上个月”“导出 考勤簿 2026年”。');
    expect(await say('hejing', '导出 考勤簿 下个月')).toMatch(/^看不懂“下个月”是哪段时间/);
    expect(await say('hejing', '导出 考勤簿 2027年')).toBe('2027年还没有开始，没有可以导出的记录；请换一个已经开始的时间段。');
  });

  it('rule R6: a station head\'s reception book masks visitors\' names; the file goes out as media/upload then a file message', async () => {
    const answer = await say('lichunmei', '导出 接待登记簿 上季度'); // 城关镇人大代表联络站 vice head
    expect(answer.split('\n\n')).toEqual([
      '正在生成《人大代表接待选民登记簿》（城关镇人大代表联络站，2026年第三季度），生成后以文件发给您。',
      '《人大代表接待选民登记簿》（城关镇人大代表联络站，2026年第三季度）：接待登记簿 3 行。文件如下。',
    ]);
    const upload = fb.chat.api.calls.find((c) => c.path === '/cgi-bin/media/upload')!;
    expect(upload.body.type).toBe('file');
    expect(upload.body.fileName).toBe('接待登记簿-城关镇人大代表联络站-2026-07-01-2026-09-30.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(upload.body.bytes as ArrayBuffer);
    const ws = wb.getWorksheet('接待登记簿')!;
    expect([ws.getCell('D4').value, ws.getCell('E4').value, ws.getCell('F4').value]).toEqual(['王**', '139****5678', null]);
    const file = fb.chat.api.sends().find((b) => b.msgtype === 'file')!;
    expect(file).toMatchObject({ touser: 'lichunmei', file: { media_id: upload.body.mediaId }, enable_duplicate_check: 1 });
  });

  it('in a group chat the answer says the file comes privately, and it does', async () => {
    const group = await fb.chat.sayInGroup('hejing', 'wrGroupOffice01', '导出 全部 上季度');
    expect(group).toContain('正在生成全部台帐（示范县人大常委会，2026年第三季度），生成后以文件私信发给您。');
    const file = fb.chat.api.sends().find((b) => b.msgtype === 'file')!;
    expect(file.touser).toBe('hejing');
    const upload = fb.chat.api.calls.find((c) => c.path === '/cgi-bin/media/upload')!;
    expect(upload.body.fileName).toBe('台帐-全组织-2026-07-01-2026-09-30.xlsx');
  });
});

describe('导出 in local mode: the simulator page offers the file for download', () => {
  it('rule R6: the file is downloadable by the member it was sent to, and by nobody else', async () => {
    const t = await startTestBot({ mode: 'local', workers: 'manual' });
    try {
      await seedRegisterQuarter(t.bot.db, t.bot.config.orgCode);
      await t.sender.sendText('hejing', '导出 会议登记簿 上季度');
      await drain(t);
      const store = t.bot.simulator!.store;
      const file = store.inConversation('user:hejing').find((m) => m.kind === 'file')!;
      expect(file.file).toMatchObject({ name: '会议登记簿-全组织-2026-07-01-2026-09-30.xlsx' });
      const url = `${t.bot.url}/sim/api/files/${encodeURIComponent(file.file!.mediaId)}`;
      const own = await fetch(`${url}?userId=hejing`);
      expect(own.status).toBe(200);
      expect(own.headers.get('content-disposition')).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(file.file!.name)}`);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await own.arrayBuffer());
      expect(wb.getWorksheet('会议登记簿')!.getCell('A1').value).toBe('示范县人大常委会 代表小组会议登记簿');
      expect((await fetch(`${url}?userId=wuxiaodong`)).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
