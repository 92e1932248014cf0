// The chat page at /sim and its small API. The page never fakes the bot: what it "says" is
// sent as a real encrypted callback (to /wecom/callback in the private chat with the app, to
// /wecom/bot/callback in a group with the robot), and what it shows is what the bot sent to
// the fake WeCom API. Mounted in local mode only: it lets anyone speak as anyone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Router from '@koa/router';
import type Koa from 'koa';
import { ROLE_LABEL } from '../domain/roles.ts';
import { readRawBody } from '../http/raw-body.ts';
import { errorMessage, rejectRequest } from '../lib/errors.ts';
import type { HttpAnswer } from '../lib/http-client.ts';
import { listPeopleWithAccounts } from '../repositories/people-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { WecomCallbackSender } from './callback-sender.ts';
import { ROBOT_NAME, type WecomRobotCallbackSender } from './robot-callback-sender.ts';
import { mountFileDownload } from './fake-media.ts';
import { robotGroupOf, robotGroupsOf } from './sim-groups.ts';
import type { FakeDingtalk } from './fake-dingtalk.ts';
import type { SimStore } from './sim-store.ts';

const PAGE_DIR = join(import.meta.dirname, 'page');
const ASSETS: Record<string, string> = {
  '/sim': 'index.html',
  '/sim/app.js': 'app.js',
  '/sim/clock.js': 'clock.js',
  '/sim/format.js': 'format.js',
  '/sim/style.css': 'style.css',
};
const LONG_POLL_MS = 20_000;
/** A corp member who is not on the roster, to show what such a person is told. */
const OUTSIDER = { userId: 'outsider', name: '名册外成员', roles: ['企业微信里有、代表名册里没有的人'] };

export interface SimRoutesOptions {
  db: Db;
  orgId: number;
  store: SimStore;
  sender: WecomCallbackSender;
  robotSender: WecomRobotCallbackSender;
  /** The fake WeCom API, which serves the robot's response_url. */
  apiUrl: string;
  /** The fake DingTalk: what a person switched to DingTalk says goes through its Stream. */
  dingtalk?: FakeDingtalk;
}

export function mountSimulatorRoutes(router: Router, options: SimRoutesOptions): void {
  const { store, sender } = options;
  for (const [path, file] of Object.entries(ASSETS)) {
    router.get(path, (ctx) => {
      ctx.type = file.split('.').pop()!;
      ctx.body = readFileSync(join(PAGE_DIR, file));
    });
  }

  router.get('/sim/api/people', async (ctx) => {
    const people = [...(await listPeopleWithAccounts(options.db, options.orgId, 'wecom')).map((p) => ({ ...p, platform: 'wecom' })),
      ...(await listPeopleWithAccounts(options.db, options.orgId, 'dingtalk')).map((p) => ({ ...p, platform: 'dingtalk' }))];
    ctx.body = [...people.map((p) => ({
      userId: p.userId,
      name: p.name,
      platform: p.platform,
      roles: [
        ...(p.levels ? [p.levels.split(',').join('、') + '代表'] : []),
        ...p.memberships.map((m) => `${m.unit.name}${ROLE_LABEL[m.role] ?? m.role}`),
      ],
    })), OUTSIDER];
  });

  router.get('/sim/api/chats', async (ctx) => {
    const userId = requiredString(ctx.query.userId, 'userId');
    const groups = await robotGroupsOf(options.db, options.orgId, userId);
    ctx.body = [
      { conversation: `user:${userId}`, kind: 'private', name: ROBOT_NAME },
      ...groups.map((g) => ({ conversation: `chat:${g.chatId}`, kind: 'group', chatId: g.chatId, name: g.name, members: g.members })),
    ];
  });

  router.get('/sim/api/messages', async (ctx) => {
    const userId = requiredString(ctx.query.userId, 'userId');
    const chatId = typeof ctx.query.chatId === 'string' && ctx.query.chatId ? ctx.query.chatId : undefined;
    if (chatId) await requireGroup(options, userId, chatId);
    const version = Number(ctx.query.version ?? -1);
    await store.waitForChange(version, LONG_POLL_MS);
    const messages = chatId ? store.inConversation(`chat:${chatId}`) : store.visibleTo(userId);
    ctx.body = { version: store.version, messages: messages.slice(-200) };
  });

  router.post('/sim/api/say', async (ctx) => {
    const body = await readJsonBody(ctx);
    const userId = requiredString(body.userId, 'userId');
    const text = requiredString(body.text, 'text').slice(0, 2000);
    if (typeof body.chatId === 'string' && body.chatId) {
      ctx.body = await sayInGroup(options, userId, body.chatId, text);
      return;
    }
    const typed = store.add({ conversation: `user:${userId}`, from: userId, kind: 'text', text, status: 'sending' });
    const dt = options.dingtalk;
    if (dt && (await platformOf(options, userId)) === 'dingtalk') {
      ctx.body = await delivered(store, typed.id, async () => ({ status: (await dt.ackOf(dt.pushText(userId, text))).code, body: '' }));
      return;
    }
    ctx.body = await delivered(store, typed.id, () => sender.sendText(userId, text));
  });

  mountFileDownload(router, store);
  // Moves a demo person between WeCom and DingTalk (the same user id on both), to try either.
  router.post('/sim/api/platform', async (ctx) => {
    const body = await readJsonBody(ctx);
    const userId = requiredString(body.userId, 'userId');
    const to = body.platform === 'dingtalk' ? 'dingtalk' : 'wecom';
    const moved = await options.db.platformAccount.updateMany({ where: { orgId: options.orgId, platformUserId: userId, channel: to === 'wecom' ? 'dingtalk' : 'wecom' }, data: { channel: to } });
    ctx.body = { userId, platform: to, moved: moved.count };
  });

  router.post('/sim/api/click', async (ctx) => {
    const body = await readJsonBody(ctx);
    const userId = requiredString(body.userId, 'userId');
    const key = requiredString(body.key, 'key');
    const message = store.get(Number(body.messageId));
    const card = message?.card as { platform?: string; task_id?: string; button_list?: { key: string }[]; replace_text?: string } | undefined;
    if (!message || message.conversation !== `user:${userId}` || !card?.task_id) {
      throw rejectRequest('no_such_card', 404, 'no such card in this chat');
    }
    // A decided card shows one grey button that cannot be pressed, as in WeCom.
    if (card.replace_text) throw rejectRequest('card_settled', 409, `this card's buttons are greyed out (${card.replace_text})`);
    if (!card.button_list?.some((b) => b.key === key)) throw rejectRequest('no_such_button', 400, 'no such button on this card');
    if (card.platform === 'dingtalk' && options.dingtalk) {
      const ack = await options.dingtalk.ackOf(options.dingtalk.pushClick(userId, card.task_id, key));
      ctx.body = { callbackStatus: ack.code };
      return;
    }
    // As in WeCom, every click carries a fresh single-use code for updating this card.
    const responseCode = store.issueResponseCode([message.id]);
    const res = await sender.clickCard(userId, { eventKey: key, taskId: card.task_id, responseCode });
    ctx.body = { callbackStatus: res.status };
  });
}

/**
 * A member @-mentions the robot in a group: the group sees the message with the mention, and
 * the bot gets the robot callback with a response_url answering into this group.
 */
async function sayInGroup(options: SimRoutesOptions, userId: string, chatId: string, text: string) {
  await requireGroup(options, userId, chatId);
  const conversation = `chat:${chatId}`;
  const typed = options.store.add({ conversation, from: userId, kind: 'text', text: `@${ROBOT_NAME} ${text}`, status: 'sending' });
  const responseUrl = `${options.apiUrl}/cgi-bin/aibot/response?response_code=${options.store.issueRobotCode(conversation)}`;
  return delivered(options.store, typed.id, () => options.robotSender.sendText({ from: userId, chatId, text, responseUrl }));
}

/**
 * Sends a typed message's callback and records the outcome on the message, as WeCom shows a
 * spinner, then nothing or a red mark. A callback the bot did not take is a 502 for the page.
 */
async function delivered(store: SimStore, messageId: number, send: () => Promise<HttpAnswer>): Promise<{ callbackStatus: number }> {
  let status: number;
  try {
    status = (await send()).status;
  } catch (err) {
    store.setStatus(messageId, 'failed');
    throw rejectRequest('callback_failed', 502, `the bot did not answer the callback: ${errorMessage(err)}`);
  }
  store.setStatus(messageId, status === 200 ? 'sent' : 'failed');
  return { callbackStatus: status };
}

async function platformOf(options: SimRoutesOptions, userId: string): Promise<string | undefined> {
  const account = await options.db.platformAccount.findFirst({ where: { orgId: options.orgId, platformUserId: userId }, select: { channel: true } });
  return account?.channel;
}

async function requireGroup(options: SimRoutesOptions, userId: string, chatId: string): Promise<void> {
  if (!(await robotGroupOf(options.db, options.orgId, userId, chatId))) {
    throw rejectRequest('no_such_group', 404, 'no such group chat for this member');
  }
}

async function readJsonBody(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const raw = (await readRawBody(ctx.req, 16 * 1024)).toString('utf8');
  try {
    return JSON.parse(raw) as Record<string, unknown>;
  } catch {
    throw rejectRequest('bad_json', 400, 'body must be JSON');
  }
}

function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || !value.trim()) throw rejectRequest('missing_field', 400, `${name} is required`);
  return value.trim();
}
