// Starts the real bot (Koa on an ephemeral port, a fresh SQLite file) for integration tests.
// WeCom mode points at the real API origin, which the tests intercept with nock; local mode
// brings the simulator (fake WeCom API on loopback) instead. The bot runs on a fixed clock
// (TEST_NOW unless the test gives one) and the callback senders stamp with that clock, so no
// test depends on the real date: local mode's start-up, for one, sends what is due "today".
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createBotApp, WECOM_BOT_CALLBACK_PATH, WECOM_CALLBACK_PATH, type BotApp, type BotAppOptions } from '../../src/app.ts';
import { loadConfig, REAL_WECOM_API_BASE } from '../../src/config.ts';
import { fixedClock, type Clock } from '../../src/lib/clock.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { WecomCallbackSender } from '../../src/simulator/callback-sender.ts';
import { WecomRobotCallbackSender } from '../../src/simulator/robot-callback-sender.ts';
import { databaseUrlFor, dropDatabaseFor } from './test-database.ts';

export const TEST_WECOM = {
  WECOM_CORP_ID: 'wwtestcorp0001',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'test-secret',
  WECOM_TOKEN: 'testtoken123',
  WECOM_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  CONSOLE_SESSION_SECRET: 'test-console-secret-0123456789abcdefghijklmnop',
};

/** The intelligent robot's keys (group chats); its receive id is empty. */
export const TEST_WECOM_BOT = {
  WECOM_BOT_TOKEN: 'testbottoken42',
  WECOM_BOT_AES_KEY: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
};

/**
 * The bot's time when a test gives none: Monday 2026-11-23 10:00 in Asia/Shanghai, a quiet
 * moment (no notice or reception reminder due in the demo county).
 */
/** A DingTalk app whose every API (new, old and sign-in) is the fake DingTalk at `url`. */
export const testDingtalkEnv = (url: string) => ({
  DINGTALK_CLIENT_ID: 'dingfakeclient', DINGTALK_CLIENT_SECRET: 'fake-secret', DINGTALK_ROBOT_CODE: 'dingfakeclient',
  DINGTALK_CARD_TEMPLATE_NOTICE: 'notice-tpl.schema', DINGTALK_CARD_TEMPLATE_APPROVAL: 'approval-tpl.schema',
  DINGTALK_API_BASE: url, DINGTALK_LOGIN_BASE: url, DINGTALK_OAPI_BASE: url,
});

export const TEST_NOW = '2026-11-23T02:00:00Z';

export interface TestBot {
  bot: BotApp;
  /** The bot's clock (fixed unless the test passed another); the senders stamp with it. */
  clock: Clock;
  sender: WecomCallbackSender;
  callbackUrl: string;
  /** Sends robot (group chat) callbacks to robotCallbackUrl. */
  robotSender: WecomRobotCallbackSender;
  robotCallbackUrl: string;
  logs: string[];
  dir: string;
  /** Stops the bot; keepFiles leaves the database for a restart. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
}

export async function startTestBot(
  options: {
    /** 'dingtalk': no WECOM_* variable (the test gives the DINGTALK_* ones): a DingTalk-only deployment. */
    mode?: 'wecom' | 'local' | 'dingtalk';
    env?: Record<string, string>;
    /** Reuse a folder (and its database) from an earlier bot: a restart. */
    dir?: string;
  } & Partial<Omit<BotAppOptions, 'logger'>> = {},
): Promise<TestBot> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'bot-it-'));
  const env = {
    PORT: '0',
    DATABASE_URL: await databaseUrlFor(dir),
    LOG_LEVEL: 'info',
    ...(options.mode === 'local' ? {} : options.mode === 'dingtalk' ? { CONSOLE_SESSION_SECRET: TEST_WECOM.CONSOLE_SESSION_SECRET } : { ...TEST_WECOM, ...TEST_WECOM_BOT, WECOM_API_BASE: REAL_WECOM_API_BASE }),
    ...options.env,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const clock = options.clock ?? fixedClock(TEST_NOW);
  const bot = await createBotApp(loadConfig(env), { ...options, clock, logger: createLogger('debug', sink) });
  await bot.start();
  const callbackUrl = `${bot.url}${WECOM_CALLBACK_PATH}`;
  const sender = bot.simulator?.sender ?? new WecomCallbackSender(bot.wecom!, callbackUrl, clock);
  const robotCallbackUrl = `${bot.url}${WECOM_BOT_CALLBACK_PATH}`;
  const robotSender = bot.simulator?.robotSender ?? new WecomRobotCallbackSender(bot.wecomBot!, robotCallbackUrl, clock);
  return {
    bot,
    clock,
    sender,
    callbackUrl,
    robotSender,
    robotCallbackUrl,
    logs,
    dir,
    async stop({ keepFiles = false } = {}) {
      await bot.stop();
      if (!keepFiles) {
        await dropDatabaseFor(dir);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Waits until the bot has nothing in flight: every stored callback processed and every message
 * sent. Outbox alone is not enough: on a loaded machine the worker may not have claimed a
 * callback yet, so its reply would be enqueued after the wait, in the next test.
 */
export async function settled(bot: BotApp, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => {
    const [inbound, outbox] = await Promise.all([
      bot.db.inboundEvent.count({ where: { status: { in: ['pending', 'processing'] } } }),
      bot.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } }),
    ]);
    return inbound === 0 && outbox === 0;
  }, timeoutMs);
}

/** Polls until `check` returns a truthy value (workers run asynchronously). */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * A WeCom-mode bot with the network closed except loopback (nock stands in for WeCom) and one
 * deputy, 张三 (zhangsan, member of 第一代表小组): the setting of the callback tests.
 */
export async function startCallbackTestBot(options: Parameters<typeof startTestBot>[0] = {}): Promise<TestBot> {
  // Imported here, not at the top: loading nock intercepts HTTP in every test that uses this file.
  const { default: nock } = await import('nock');
  const { addPerson } = await import('./seed.ts');
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const t = await startTestBot(options);
  // The start-up tick runs beside the test: let it finish before 张三 exists, or whether he
  // gets what it sends (the last quarter's suggestion reminder at TEST_NOW) depends on speed.
  await t.bot.workers?.scheduler.idle();
  await addPerson(t.bot.db, t.bot.orgId, {
    name: '张三',
    mobile: '13800000001',
    wecom: 'zhangsan',
    units: [{ kind: 'group', name: '第一代表小组', role: 'member' }],
  });
  const stop = t.stop;
  return {
    ...t,
    async stop(options) {
      await stop(options);
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}
