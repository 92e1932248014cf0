// A faithful fake of the WeCom server API on loopback: gettoken, message/send (text,
// markdown, template_card, file) with its duplicate check and unique task_id (fake-send-rules.ts),
// message/update_template_card (fake-card-update.ts) and appchat, with the errcodes the real one answers (40001,
// 40014, 40056, 44004, 81013, 42014, 42022, 86003, 86215); and the intelligent robot's
// response_url (aibot/response), which needs no token and works once; media/upload for
// files (fake-media.ts). It can inject faults
// (fake-faults.ts) and the store counts what each member was delivered.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Router from '@koa/router';
import Koa from 'koa';
import { readRawBody } from '../http/raw-body.ts';
import { applyCardUpdate, readCardUpdate } from './fake-card-update.ts';
import { faultMiddleware, type FaultPlan } from './fake-faults.ts';
import { fileRefusal, MEDIA_BODY_LIMIT, MEDIA_UPLOAD_PATH, mountFakeMediaUpload } from './fake-media.ts';
import { FakeSendRules } from './fake-send-rules.ts';
import type { SimStore } from './sim-store.ts';

export interface FakeWecomApiOptions {
  corpId: string;
  secret: string;
  agentId: number;
  store: SimStore;
  isKnownUser(userId: string): Promise<boolean>;
  /** The fake's clock for the duplicate check (tests pass the bot's fixed clock). */
  now?: () => number;
  /**
   * Who is signed in to WeCom in the browser that opens an app page (web authorisation): the
   * simulator's tests and page set it; undefined means a non-member (WeCom gives an openid).
   */
  webUser?: () => string | undefined;
  /** Faults to inject; without it every call is answered normally. */
  faults?: FaultPlan;
  /** Starts every access token issued, so a front serving several corps can tell whose a call is. */
  tokenPrefix?: string;
}

type Body = Record<string, any>;
const MESSAGE_TYPES = new Set(['text', 'markdown', 'template_card', 'file']);
const TOKENLESS = new Set(['/cgi-bin/gettoken', '/cgi-bin/aibot/response', '/connect/oauth2/authorize']);
/** WeCom's answer to an OAuth code that is unknown, used or expired. */
const INVALID_CODE = 40029;
const CODE_TTL_MS = 5 * 60_000;

export function createFakeWecomApi(options: FakeWecomApiOptions): Koa {
  const tokens = new Set<string>();
  const router = new Router({ prefix: '/cgi-bin' });
  const { store } = options;
  const rules = new FakeSendRules(options.now ?? Date.now);
  store.sendRules = rules;

  router.get('/gettoken', (ctx) => {
    if (ctx.query.corpid !== options.corpId || ctx.query.corpsecret !== options.secret) {
      ctx.body = { errcode: 40001, errmsg: 'invalid credential' };
      return;
    }
    const token = `${options.tokenPrefix ?? ''}${randomBytes(32).toString('hex')}`;
    tokens.add(token);
    ctx.body = { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 };
  });

  router.post('/message/send', async (ctx) => {
    const body = await readJson(ctx);
    if (body.agentid !== options.agentId) return answer(ctx, 40056, 'invalid agentid');
    if (!MESSAGE_TYPES.has(body.msgtype) || !body[body.msgtype]) return answer(ctx, 40008, 'invalid message type');
    if (body.msgtype !== 'template_card' && body.msgtype !== 'file' && !String(body[body.msgtype].content ?? '').trim()) return answer(ctx, 44004, 'empty content');
    const badFile = fileRefusal(body, store.media, (options.now ?? Date.now)());
    if (badFile) return answer(ctx, badFile.errcode, badFile.errmsg);
    const users = String(body.touser ?? '').split('|').filter(Boolean);
    const valid: string[] = [];
    for (const u of users) if (await options.isKnownUser(u)) valid.push(u);
    const invalid = users.filter((u) => !valid.includes(u));
    if (valid.length === 0) return answer(ctx, 81013, 'user & party & tag all invalid');
    const refused = rules.refusal(body);
    if (refused) return answer(ctx, refused.errcode, refused.errmsg);
    const ids = rules.accept(valid, body).map((u) => storeMessage(store, `user:${u}`, body).id);
    const responseCode = body.msgtype === 'template_card' && ids.length ? store.issueResponseCode(ids) : undefined;
    ctx.body = { errcode: 0, errmsg: 'ok', invaliduser: invalid.join('|'), msgid: randomBytes(12).toString('hex'), response_code: responseCode };
  });

  router.post('/message/update_template_card', async (ctx) => {
    const body = await readJson(ctx);
    if (body.agentid !== options.agentId) return answer(ctx, 40056, 'invalid agentid');
    const users: string[] = Array.isArray(body.userids) ? body.userids : [];
    const update = readCardUpdate(body);
    if (!update) return answer(ctx, 40058, 'template_card or button.replace_name required');
    if (!store.spendResponseCode(String(body.response_code ?? ''), users, (card) => applyCardUpdate(card, update))) {
      return answer(ctx, 42022, 'response_code has been used or expired');
    }
    ctx.body = { errcode: 0, errmsg: 'ok', invaliduser: [] };
  });

  router.post('/appchat/create', async (ctx) => {
    const body = await readJson(ctx);
    const chatId = String(body.chatid || randomBytes(8).toString('hex'));
    if (store.chats.has(chatId)) return answer(ctx, 86215, 'chatid already exists');
    store.chats.set(chatId, { name: String(body.name ?? ''), owner: String(body.owner ?? ''), members: body.userlist ?? [] });
    ctx.body = { errcode: 0, errmsg: 'ok', chatid: chatId };
  });

  router.post('/appchat/send', async (ctx) => {
    const body = await readJson(ctx);
    if (!store.chats.has(String(body.chatid))) return answer(ctx, 86003, 'chat not exists');
    storeMessage(store, `chat:${body.chatid}`, body);
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });

  mountRobotResponse(router, store);
  mountFakeMediaUpload(router, store.media, async (ctx) => (await readJson(ctx), ctx.state.raw as Buffer), options.now ?? Date.now, answer);
  const oauth = mountWebAuthorisation(router, options);

  const app = new Koa();
  app.silent = true;
  // Every call but gettoken and the robot's response_url needs a live token, as on the real server.
  if (options.faults) app.use(faultMiddleware(options.faults, readJson));
  app.use(async (ctx, next) => {
    if (!TOKENLESS.has(ctx.path) && !tokens.has(String(ctx.query.access_token ?? ''))) {
      return answer(ctx, ctx.query.access_token ? 40014 : 41001, 'invalid access_token');
    }
    await next();
  });
  app.use(oauth.routes());
  app.use(router.routes());
  return app;
}

/**
 * Web authorisation (docs 91022/91023): connect/oauth2/authorize redirects back with a code for
 * the member signed in to WeCom (options.webUser); auth/getuserinfo trades the code, once, for
 * their userid (an openid for a non-member); a used or unknown code is errcode 40029.
 */
function mountWebAuthorisation(router: Router, options: FakeWecomApiOptions): Router {
  const codes = new Map<string, { userId?: string; appid: string; at: number }>();
  const now = options.now ?? Date.now;
  const oauth = new Router();
  oauth.get('/connect/oauth2/authorize', (ctx) => {
    const redirect = String(ctx.query.redirect_uri ?? '');
    if (ctx.query.appid !== options.corpId || !/^https?:\/\//.test(redirect) || ctx.query.response_type !== 'code') {
      ctx.status = 400;
      ctx.body = 'invalid oauth request';
      return;
    }
    const code = randomBytes(24).toString('hex');
    codes.set(code, { userId: options.webUser?.(), appid: String(ctx.query.appid), at: now() });
    const url = new URL(redirect);
    url.searchParams.set('code', code);
    url.searchParams.set('state', String(ctx.query.state ?? ''));
    ctx.redirect(url.toString());
  });
  router.get('/auth/getuserinfo', (ctx) => {
    const code = String(ctx.query.code ?? '');
    const issued = codes.get(code);
    codes.delete(code);
    if (!issued || now() - issued.at > CODE_TTL_MS) return answer(ctx, INVALID_CODE, 'invalid code');
    ctx.body = issued.userId ? { errcode: 0, errmsg: 'ok', userid: issued.userId, user_ticket: randomBytes(8).toString('hex') } : { errcode: 0, errmsg: 'ok', openid: `o${randomBytes(8).toString('hex')}` };
  });
  return oauth;
}

/**
 * POST /cgi-bin/aibot/response?response_code=…: the robot's one answer to a message, stored
 * into the conversation the code was issued for. Markdown works everywhere; a card only in a
 * single chat [D-101138]. The errcode for a used or unknown code is not documented: 42022
 * (the template-card response_code's) stands in for it.
 */
function mountRobotResponse(router: Router, store: SimStore): void {
  router.post('/aibot/response', async (ctx) => {
    const body = await readJson(ctx);
    const content = String(body.markdown?.content ?? '');
    if (body.msgtype !== 'markdown') return answer(ctx, 40008, 'only markdown is simulated for robot replies');
    if (!content.trim()) return answer(ctx, 44004, 'empty content');
    const conversation = store.spendRobotCode(String(ctx.query.response_code ?? ''));
    if (!conversation) return answer(ctx, 42022, 'response_code has been used or expired');
    store.add({ conversation, from: 'bot', kind: 'markdown', text: content });
    ctx.body = { errcode: 0, errmsg: 'ok' };
  });
}

export async function listenOnLoopback(app: Koa): Promise<{ server: Server; url: string }> {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function storeMessage(store: SimStore, conversation: string, body: Body) {
  if (body.msgtype === 'template_card') return store.add({ conversation, from: 'bot', kind: 'card', card: body.template_card });
  if (body.msgtype === 'file') {
    const file = store.media.peek(String(body.file.media_id));
    return store.add({ conversation, from: 'bot', kind: 'file', file: { mediaId: String(body.file.media_id), name: file?.name ?? '', size: file?.bytes.length ?? 0 } });
  }
  return store.add({ conversation, from: 'bot', kind: body.msgtype, text: String(body[body.msgtype]?.content ?? '') });
}

/** The JSON body, read once (the fault middleware may have read it already); the bytes stay in ctx.state.raw (a media upload's). */
async function readJson(ctx: Koa.Context): Promise<Body> {
  if (ctx.state.json) return ctx.state.json as Body;
  try {
    ctx.state.raw = await readRawBody(ctx.req, ctx.path === MEDIA_UPLOAD_PATH ? MEDIA_BODY_LIMIT : 1024 * 1024);
    ctx.state.json = JSON.parse((ctx.state.raw as Buffer).toString('utf8')) as Body;
  } catch {
    ctx.state.json = {};
  }
  return ctx.state.json as Body;
}

function answer(ctx: Koa.Context, errcode: number, errmsg: string): void {
  ctx.body = { errcode, errmsg };
}
