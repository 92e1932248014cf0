// A bot in WeCom mode with the demo roster, a fixed clock, nock for the WeCom API and
// hand-driven workers: the setting for conversation tests.
import nock from 'nock';
import { fixedClock } from '../../src/lib/clock.ts';
import { createActivityWithInvitees } from '../../src/repositories/activity-repo.ts';
import { loadDemoRoster } from '../../src/services/roster/roster-service.ts';
import { FakeDingtalk } from '../../src/simulator/fake-dingtalk.ts';
import { startTestBot, testDingtalkEnv, type TestBot } from './bot.ts';
import { ChatHarness } from './chat.ts';
import { mockRobotResponses, type RobotResponseMock } from './robot-response-mock.ts';
import { mockWecomApi } from './wecom-api-mock.ts';

/** Reminders to every deputy that other features' tests do not count (the tests of each set them back). */
export const QUIET_POLICY = { suggestionsPerDeputyYear: 0, suggestionsPerGroupYear: 0, diaryEntriesPerMonth: 0, annualReportRemindDays: [] };

/** Monday 2026-11-23 10:00 in Asia/Shanghai. */
export const MONDAY_10AM = '2026-11-23T02:00:00Z';

export interface FlowBot {
  t: TestBot;
  chat: ChatHarness;
  clock: ReturnType<typeof fixedClock>;
  /** What went to robot response_urls (group answers). */
  robot: RobotResponseMock;
  unitId(name: string): Promise<number>;
  personId(wecomId: string): Promise<number>;
  addActivity(unitName: string, opts: { title: string; start: string; hours?: number; code?: string }): Promise<number>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startFlowBot(now = MONDAY_10AM, options: { env?: Record<string, string> } = {}): Promise<FlowBot> {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const clock = fixedClock(now);
  const robot = mockRobotResponses(); // before the API mock: first matching interceptor wins
  const api = mockWecomApi();
  let t = await startTestBot({ clock, workers: 'manual', env: options.env });
  await loadDemoRoster(t.bot.db, t.bot.config.orgCode);
  // The tests' dates lie in the last quarter, when rule S6 reminds every deputy without a
  // suggestion at the first tick; tests of other features do not count those messages, so the
  // annual targets are off here (the tests of S6 set them back).
  // Likewise the records' reminders to every deputy (diary on the 25th, annual report in December).
  await t.bot.db.organisation.update({ where: { id: t.bot.orgId }, data: { policy: JSON.stringify(QUIET_POLICY) } });
  const fb: FlowBot = {
    t,
    chat: new ChatHarness(t, api, robot),
    clock,
    robot,
    async unitId(name) {
      return (await t.bot.db.unit.findFirstOrThrow({ where: { name } })).id;
    },
    async personId(wecomId) {
      return (await t.bot.db.platformAccount.findFirstOrThrow({ where: { platformUserId: wecomId } })).personId;
    },
    async addActivity(unitName, opts) {
      const startAt = new Date(opts.start);
      const activity = await createActivityWithInvitees(t.bot.db, {
        orgId: t.bot.orgId,
        unitId: await fb.unitId(unitName),
        kind: 'study',
        title: opts.title,
        startAt,
        endAt: new Date(startAt.getTime() + (opts.hours ?? 2) * 3600_000),
        place: '县人大常委会三楼会议室',
        content: '',
        signInCode: opts.code ?? null,
        signInOpensBefore: 30,
        createdById: null,
      });
      return activity.id;
    },
    async restart() {
      await t.stop({ keepFiles: true });
      t = await startTestBot({ clock, workers: 'manual', dir: t.dir, env: options.env });
      fb.t = t;
      fb.chat = new ChatHarness(t, api, robot);
      await fb.chat.settle();
    },
    async stop() {
      await t.stop();
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
  return fb;
}

/**
 * A flow bot that has a DingTalk app as well as WeCom, on a fake DingTalk (API and Stream
 * gateway) whose Stream connection is open. `stop` stops both.
 */
export async function startDingtalkFlowBot(now?: string): Promise<{ fb: FlowBot; dt: FakeDingtalk; stop(): Promise<void> }> {
  const dt = new FakeDingtalk();
  const fb = await startFlowBot(now, { env: testDingtalkEnv(await dt.start()) });
  await dt.waitConnected();
  return {
    fb,
    dt,
    async stop() {
      await fb.stop();
      await dt.stop();
    },
  };
}
