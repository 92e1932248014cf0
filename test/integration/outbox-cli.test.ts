// npm run outbox: staff list, retry and discard the messages the bot gave up on. Rows are made
// dead and uncertain by the real worker against the fake WeCom API, then the command line runs
// in its own process on the same database.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { Outbound } from '../../src/services/outbound.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
const clock = fixedClock('2026-11-23T01:00:00Z');
let t: TestBot;
let fake: FakeWecom;
let known = (u: string) => u !== 'left-the-company';
const ids: Record<string, number> = {};

async function cli(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: t.bot.config.databaseUrl, ORG_CODE: 'default', LOG_LEVEL: 'silent' };
  for (const name of Object.keys(env)) if (name.startsWith('WECOM_')) delete env[name];
  try {
    const { stdout, stderr } = await run(process.execPath, npmRunArgs('outbox', ...args), { env });
    return { code: 0, lines: (stdout + stderr).trim().split('\n') };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, lines: (e.stdout + e.stderr).trim().split('\n') };
  }
}

async function runWorker() {
  for (let i = 0; i < 10; i++) {
    await t.bot.workers!.outbox.runOnce();
    const next = await t.bot.db.outbox.findFirst({ where: { status: 'pending' }, orderBy: { nextAttemptAt: 'asc' } });
    if (!next) return;
    if (next.nextAttemptAt > clock.now()) clock.set(new Date(next.nextAttemptAt.getTime() + 1));
  }
}

beforeAll(async () => {
  fake = await startFakeWecom(clock, { knownUsers: (u) => known(u) });
  t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url } });
  const send = (key: string, user: string, text: string) =>
    new Outbound(t.bot.db, clock).send(t.bot.orgId, 'wecom', [{ key, message: { kind: 'text', toUsers: [user], text } }]);
  await send('ok', 'zhangsan', '已收到');
  await send('gone', 'left-the-company', '请假已批准'); // 81013: nobody valid → dead
  fake.faults.script('/cgi-bin/message/send', [{ kind: 'reset', when: 'after' }], ({ body }) => body.touser === 'lisi');
  await send('lost', 'lisi', '周五学习代表法');
  await t.bot.workers!.outbox.runOnce();
  clock.advance(5 * 3600_000); // down past the 4-hour window: the lost answer is now uncertain
  await runWorker();
  for (const key of ['ok', 'gone', 'lost']) ids[key] = (await t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: key } })).id;
}, 150_000);

afterAll(async () => {
  await t.stop();
  await fake.stop();
});

describe('npm run outbox', () => {
  it('list: one line per dead or uncertain row; --status narrows it', async () => {
    const all = await cli('list');
    expect(all.code).toBe(0);
    expect(all.lines).toHaveLength(2);
    expect(all.lines[0]).toMatch(new RegExp(`^${ids.gone}  dead  text  left-the-company  尝试 1 次  首次 .+  81013 `));
    expect(all.lines[1]).toMatch(new RegExp(`^${ids.lost}  uncertain  text  lisi  尝试 2 次  首次 11月23日（周一）09:00  `));
    const uncertain = await cli('list', '--status', 'uncertain');
    expect(uncertain).toMatchObject({ code: 0, lines: [expect.stringMatching(new RegExp(`^${ids.lost}  uncertain`))] });
  }, 150_000);

  it('an unknown id, a sent row, a bad id and a bad status are refused with one line', async () => {
    expect(await cli('retry', '999999')).toEqual({ code: 1, lines: ['没有编号为 999999 的消息'] });
    expect(await cli('discard', String(ids.ok))).toEqual({ code: 1, lines: [`消息 ${ids.ok} 的状态是 sent：只有 dead 或 uncertain 的消息可以重发或放弃`] });
    expect((await cli('retry', 'abc')).code).toBe(2);
    expect(await cli('list', '--status', 'sent')).toEqual({ code: 2, lines: ['--status: 「sent」不对，只能是 dead 或 uncertain'] });
  }, 150_000);

  it('help says what retrying an uncertain message means', async () => {
    const help = await cli('help');
    expect(help.code).toBe(0);
    expect(help.lines.join('\n')).toContain('retry 是工作人员的决定：接受对方可能收到两次');
  }, 150_000);

  it('retry of an uncertain row sends it again (a deliberate duplicate); retry of a dead row once the cause is fixed delivers it', async () => {
    expect(await cli('retry', String(ids.lost))).toEqual({ code: 0, lines: [`${ids.lost} 已重新排队（原为 uncertain：对方可能收到两次）`] });
    known = () => true; // the office re-added the member to the app's visible range
    expect(await cli('retry', '--all')).toEqual({ code: 0, lines: [`${ids.gone} 已重新排队（原为 dead）`] });
    await runWorker();
    expect(fake.textsTo('lisi')).toEqual(['周五学习代表法', '周五学习代表法']);
    expect(fake.textsTo('left-the-company')).toEqual(['请假已批准']);
    expect(await cli('list')).toEqual({ code: 0, lines: ['没有状态为 dead 或 uncertain 的消息'] });
  }, 150_000);

  it('discard takes a row off the list for good', async () => {
    fake.faults.script('/cgi-bin/message/send', [{ kind: 'errcode', errcode: 81013 }]);
    await new Outbound(t.bot.db, clock).send(t.bot.orgId, 'wecom', [{ key: 'bad', message: { kind: 'text', toUsers: ['wangwu'], text: '您好' } }]);
    await runWorker();
    const id = (await t.bot.db.outbox.findUniqueOrThrow({ where: { idempotencyKey: 'bad' } })).id;
    expect(await cli('discard', String(id))).toEqual({ code: 0, lines: [`${id} 已放弃（原为 dead）`] });
    expect((await t.bot.db.outbox.findUniqueOrThrow({ where: { id } })).status).toBe('discarded');
    expect((await cli('discard', String(id))).code).toBe(1);
  }, 150_000);
});
