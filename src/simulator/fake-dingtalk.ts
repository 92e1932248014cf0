// DingTalk as the simulator and the tests play it, on loopback: the new API (accessToken,
// robot batchSend and group send, card createAndDeliver and PUT update) and the Stream
// gateway (connections/open answered with a ws://127.0.0.1 endpoint, a WebSocket that pushes
// CALLBACK and SYSTEM frames and records the bot's acks). It refuses what DingTalk refuses
// (platforms.md §7–§9): more than 20 userIds, a msgParam or cardParamMap value that is not a
// string, a used outTrackId, an expired token (401); it can hide a delivery failure in
// deliverResults, as DingTalk does with HTTP 200. It plays DingTalk's web sign-in too
// (login.dingtalk.com/oauth2/auth → authCode → userAccessToken → contact/users/me → unionId →
// topapi/user/getbyunionid → userid) for whoever `webUser` names as signed in to the client,
// and the old API's media/upload, whose media_id a sampleFile message delivers. It serves any
// number of apps (a province's counties each have their own): each access token and Stream
// connection belongs to the app (appKey / clientId) that asked for it, every recorded call and
// card says which app made it, and frames are pushed down a chosen app's connection.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { FakeMedia, mediaPart } from './fake-media.ts';

export interface FakeDingtalkCall {
  method: string;
  path: string;
  body: Record<string, any>;
  token?: string;
  /** The app (its client id) whose access token made the call. */
  app?: string;
}

export interface FakeCard {
  outTrackId: string;
  userId: string;
  templateId: string;
  params: Record<string, string>;
  /** The app that sent it. */
  app?: string;
}

/** What the simulator shows of what the bot sent (local mode's chat page). */
export interface FakeDingtalkObserver {
  text?(userId: string, text: string): void;
  groupText?(chatId: string, text: string): void;
  card?(card: FakeCard): void;
  cardUpdated?(card: FakeCard): void;
  /** A file delivered by a sampleFile message (uploaded earlier through media/upload). */
  file?(userId: string, file: { mediaId: string; name: string; size: number }): void;
}

/** An authCode is good for one exchange within 5 minutes (platforms.md §7.4). */
const AUTH_CODE_TTL_MS = 5 * 60_000;

type Ack = { code: number; headers: Record<string, string>; message: string; data: string };

export class FakeDingtalk {
  readonly calls: FakeDingtalkCall[] = [];
  readonly cards = new Map<string, FakeCard>();
  readonly acks: Ack[] = [];
  readonly opens: Record<string, any>[] = [];
  /** Users whose card delivery fails inside an HTTP 200 (deliverResults success:false). */
  readonly failDeliveryTo = new Set<string>();

  /** The member signed in to the DingTalk client (the console's sign-in); undefined: someone outside the organisation. */
  webUser: string | undefined;
  /** Access token → the app (client id) it was issued to. */
  private readonly tokens = new Map<string, string>();
  private readonly authCodes = new Map<string, { unionId: string; at: number }>();
  private readonly userTokens = new Map<string, string>();
  private readonly tickets = new Map<string, string>();
  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  /** Each app's Stream connection; the last one opened is the default for pushes. */
  private readonly sockets = new Map<string, WebSocket>();
  private lastApp?: string;
  private frames = 0;
  private waiters: (() => void)[] = [];
  url = '';

  constructor(
    private readonly observer: FakeDingtalkObserver = {},
    /** Files uploaded through the old API's media/upload (the simulator shares its page's store, which offers downloads). */
    readonly media: FakeMedia = new FakeMedia(),
  ) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      const ticket = new URL(req.url ?? '/', 'http://x').searchParams.get('ticket') ?? '';
      const app = this.tickets.get(ticket);
      // A ticket is good for one connection (platforms.md §5.1).
      if (app === undefined || !this.tickets.delete(ticket)) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, app));
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Every authCode handed out so far is past its 5 minutes. */
  expireAuthCodes(): void {
    for (const code of this.authCodes.values()) code.at = 0;
  }

  /** Every access token handed out so far stops working (the next call gets 401). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** Whether the app's Stream connection (without one named: the last opened) is open. */
  connectedApp(app?: string): boolean {
    return this.socketOf(app)?.readyState === 1;
  }

  get connected(): boolean {
    return this.connectedApp();
  }

  /** Resolves once the bot has an open Stream connection (for `app`, when named). */
  async waitConnected(timeoutMs = 5_000, app?: string): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.connectedApp(app)) {
      if (Date.now() > until) throw new Error(`the bot did not connect to the fake Stream gateway${app ? ` as ${app}` : ''}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Pushes a frame down the app's connection (the last opened by default); returns its messageId. */
  push(type: 'CALLBACK' | 'SYSTEM' | 'EVENT', topic: string, data: unknown, messageId = `frame-${++this.frames}`, time = Date.now(), app?: string): string {
    const socket = this.socketOf(app);
    if (!socket) throw new Error(`no Stream connection${app ? ` for ${app}` : ''}`);
    socket.send(JSON.stringify({ specVersion: '1.0', type, headers: { topic, messageId, contentType: 'application/json', time: String(time), appId: app ?? this.lastApp ?? 'fake' }, data: JSON.stringify(data) }));
    return messageId;
  }

  private socketOf(app?: string): WebSocket | undefined {
    const name = app ?? this.lastApp;
    return name === undefined ? undefined : this.sockets.get(name);
  }

  /** A robot message from `userId` (one-to-one, or an @-mention in the group `chatId`), to `app`'s robot. */
  pushText(userId: string, text: string, opts: { chatId?: string; msgId?: string; messageId?: string; createAt?: number; app?: string } = {}): string {
    const msgId = opts.msgId ?? `msg${randomBytes(6).toString('hex')}`;
    return this.push('CALLBACK', '/v1.0/im/bot/messages/get', {
      conversationId: opts.chatId ?? `cid-single-${userId}`, conversationType: opts.chatId ? '2' : '1', msgId, msgtype: 'text', text: { content: ` ${text}` },
      senderStaffId: userId, senderId: `$:${userId}`, senderNick: userId, robotCode: 'fake-robot', chatbotUserId: 'bot', isInAtList: true,
      createAt: opts.createAt ?? Date.now(), sessionWebhook: `${this.url}/robot/sendBySession?session=x`, sessionWebhookExpiredTime: Date.now() + 5_400_000,
    }, opts.messageId, undefined, opts.app);
  }

  /** A click on a card button: the button's key comes back as the action's `key` param (down `app`'s connection). */
  pushClick(userId: string, outTrackId: string, key: string, time = Date.now(), app?: string): string {
    const content = JSON.stringify({ cardPrivateData: { actionIds: ['action'], params: { key } } });
    return this.push('CALLBACK', '/v1.0/card/instances/callback', { outTrackId, userId, corpId: 'fake-corp', type: 'actionCallback', content, extension: '{}' }, undefined, time, app);
  }

  /** Resolves when the frame was acknowledged, with the ack. */
  async ackOf(messageId: string, timeoutMs = 5_000): Promise<Ack> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const ack = this.acks.find((a) => a.headers.messageId === messageId);
      if (ack) return ack;
      if (Date.now() > until) throw new Error(`frame ${messageId} was not acknowledged`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 50);
      });
    }
  }

  /** SYSTEM disconnect, then the socket closes as DingTalk's does (the bot must reconnect). */
  disconnect(): void {
    this.push('SYSTEM', 'disconnect', { reason: 'server maintenance' });
    const ws = this.socketOf();
    setTimeout(() => ws?.close(), 20);
  }

  /**
   * The app's connection goes silent without closing (a NAT that forgot the flow): DingTalk's
   * end stops reading, so pings get no pong and frames no answer.
   */
  freeze(app?: string): void {
    this.socketOf(app)?.pause();
  }

  /** Files sent to a user through batchSend (sampleFile), with what was uploaded under their mediaId. */
  filesTo(userId: string, app?: string): { mediaId: string; fileName: string; fileType: string; bytes?: Buffer }[] {
    return this.calls
      .filter((c) => c.path === '/v1.0/robot/oToMessages/batchSend' && c.body.msgKey === 'sampleFile' && c.body.userIds.includes(userId) && (app === undefined || c.app === app))
      .map((c) => JSON.parse(c.body.msgParam) as { mediaId: string; fileName: string; fileType: string })
      .map((p) => ({ ...p, bytes: this.media.peek(p.mediaId)?.bytes }));
  }

  /** Texts sent to a user through batchSend (by `app`, when named). */
  textsTo(userId: string, app?: string): string[] {
    return this.calls
      .filter((c) => c.path === '/v1.0/robot/oToMessages/batchSend' && c.body.msgKey !== 'sampleFile' && c.body.userIds.includes(userId) && (app === undefined || c.app === app))
      .map((c) => String(JSON.parse(c.body.msgParam).content ?? JSON.parse(c.body.msgParam).text));
  }

  cardsTo(userId: string, app?: string): FakeCard[] {
    return [...this.cards.values()].filter((c) => c.userId === userId && (app === undefined || c.app === app));
  }

  private accept(ws: WebSocket, app: string): void {
    this.sockets.set(app, ws);
    this.lastApp = app;
    ws.on('close', () => {
      if (this.sockets.get(app) === ws) this.sockets.delete(app);
    });
    ws.on('message', (raw) => {
      this.acks.push(JSON.parse(String(raw)) as Ack);
      for (const w of this.waiters.splice(0)) w();
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const isJson = !/multipart/i.test(String(req.headers['content-type'] ?? ''));
    const body = isJson && raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, any>) : {};
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const token = req.headers['x-acs-dingtalk-access-token'] as string | undefined;
    const answer = (status: number, value: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(value));
    };
    if (path === '/v1.0/oauth2/accessToken') {
      if (!body.appKey || !body.appSecret) return answer(400, { code: 'invalidParameter', message: 'appKey and appSecret are required' });
      const accessToken = `tok-${randomBytes(6).toString('hex')}`;
      this.tokens.set(accessToken, String(body.appKey));
      return answer(200, { accessToken, expireIn: 7200 });
    }
    if (path === '/v1.0/gateway/connections/open') {
      this.opens.push(body);
      const ticket = `ticket-${randomBytes(6).toString('hex')}`;
      this.tickets.set(ticket, String(body.clientId ?? ''));
      return answer(200, { endpoint: `${this.url.replace('http:', 'ws:')}/connect`, ticket });
    }
    const signIn = this.webSignIn(req, path, body, token);
    if (signIn?.redirect) {
      res.writeHead(302, { location: signIn.redirect });
      return void res.end();
    }
    if (signIn) return answer(signIn.status, signIn.value);
    if (path === '/media/upload') return answer(200, this.upload(req, raw));
    if (!token || !this.tokens.has(token)) return answer(401, { code: 'InvalidAuthentication', message: '不合法的access_token' });
    const app = this.tokens.get(token);
    this.calls.push({ method: req.method ?? 'GET', path, body, token, app });
    const refused = this.refusal(path, body);
    if (refused) return answer(400, refused);
    return answer(200, this.carryOut(path, body, app));
  }

  /** The web sign-in's four steps; undefined for any other path. */
  private webSignIn(req: http.IncomingMessage, path: string, body: Record<string, any>, token?: string): { status: number; value?: unknown; redirect?: string } | undefined {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (path === '/oauth2/auth') {
      const redirect = query.get('redirect_uri') ?? '';
      if (!/^https?:\/\//.test(redirect) || query.get('response_type') !== 'code' || !query.get('client_id') || query.get('prompt') !== 'consent') return { status: 400, value: { code: 'invalidRequest', message: 'invalid oauth request' } };
      const authCode = randomBytes(16).toString('hex');
      this.authCodes.set(authCode, { unionId: this.webUser ? `union-${this.webUser}` : `union-outsider-${authCode.slice(0, 6)}`, at: Date.now() });
      const back = new URL(redirect);
      back.searchParams.set('authCode', authCode);
      back.searchParams.set('state', query.get('state') ?? '');
      return { status: 302, redirect: back.toString() };
    }
    if (path === '/v1.0/oauth2/userAccessToken') {
      const issued = this.authCodes.get(String(body.code));
      this.authCodes.delete(String(body.code));
      if (!body.clientId || !body.clientSecret || body.grantType !== 'authorization_code') return { status: 400, value: { code: 'invalidParameter', message: 'clientId, clientSecret, code and grantType are required' } };
      if (!issued || Date.now() - issued.at > AUTH_CODE_TTL_MS) return { status: 400, value: { code: 'invalidParameter.authCode.invalid', message: '不合法的临时授权码' } };
      const accessToken = `user-${randomBytes(6).toString('hex')}`;
      this.userTokens.set(accessToken, issued.unionId);
      return { status: 200, value: { accessToken, refreshToken: randomBytes(6).toString('hex'), expireIn: 7200, corpId: 'fake-corp' } };
    }
    if (path === '/v1.0/contact/users/me') {
      const unionId = token ? this.userTokens.get(token) : undefined;
      return unionId ? { status: 200, value: { nick: unionId, unionId, openId: `open-${unionId}` } } : { status: 401, value: { code: 'InvalidAuthentication', message: '不合法的access_token' } };
    }
    if (path === '/topapi/user/getbyunionid') {
      if (!this.tokens.has(query.get('access_token') ?? '')) return { status: 200, value: { errcode: 40014, errmsg: '不合法的access_token' } };
      this.calls.push({ method: 'POST', path, body, app: this.tokens.get(query.get('access_token') ?? '') });
      const unionId = String(body.unionid ?? '');
      if (!unionId.startsWith('union-') || unionId.startsWith('union-outsider-')) return { status: 200, value: { errcode: 60121, errmsg: '找不到该用户' } };
      return { status: 200, value: { errcode: 0, errmsg: 'ok', result: { contact_type: 0, userid: unionId.slice('union-'.length) } } };
    }
    return undefined;
  }

  /** The old API's 上传媒体文件: access_token in the query, the file in the multipart part "media". */
  private upload(req: http.IncomingMessage, raw: Buffer): Record<string, unknown> {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    if (!this.tokens.has(query.get('access_token') ?? '')) return { errcode: 40014, errmsg: '不合法的access_token' };
    if (query.get('type') !== 'file') return { errcode: 40004, errmsg: '不合法的媒体文件类型' };
    const part = mediaPart(String(req.headers['content-type'] ?? ''), raw);
    if (!part || part.bytes.length === 0) return { errcode: 41004, errmsg: '缺少媒体文件' };
    const mediaId = this.media.put(part.fileName, Buffer.from(part.bytes), Date.now()).mediaId;
    this.calls.push({ method: 'POST', path: '/media/upload', body: { type: 'file', fileName: part.fileName, size: part.bytes.length } });
    return { errcode: 0, errmsg: 'ok', type: 'file', media_id: mediaId, created_at: Date.now() };
  }

  private refusal(path: string, body: Record<string, any>): { code: string; message: string } | undefined {
    if (path === '/v1.0/robot/oToMessages/batchSend') {
      if (!Array.isArray(body.userIds) || body.userIds.length === 0 || body.userIds.length > 20) return { code: 'invalidParameter.userIds.invalid', message: 'userIds: 1 to 20' };
      if (typeof body.msgParam !== 'string') return { code: 'invalidParameter.msgParam.invalid', message: 'msgParam must be a JSON string' };
      if (body.msgKey === 'sampleFile' && !this.media.peek(String(JSON.parse(body.msgParam).mediaId))) return { code: 'invalidParameter.mediaId.invalid', message: 'mediaId does not exist' };
    }
    if (path === '/v1.0/card/instances/createAndDeliver' || path === '/v1.0/card/instances') {
      const params = body.cardData?.cardParamMap ?? {};
      if (Object.values(params).some((v) => typeof v !== 'string')) return { code: 'param.cardParamMapInvalid', message: 'cardParamMap values must be strings' };
    }
    if (path === '/v1.0/card/instances/createAndDeliver' && this.cards.has(body.outTrackId)) return { code: 'param.outTrackIdExist', message: 'outTrackId already exists' };
    if (path === '/v1.0/card/instances' && !this.cards.has(body.outTrackId)) return { code: 'cardInstance.wrong', message: 'no card with this outTrackId' };
    return undefined;
  }

  private carryOut(path: string, body: Record<string, any>, app?: string): unknown {
    if (path === '/v1.0/card/instances/createAndDeliver') {
      const userId = String(body.openSpaceId).replace('dtv1.card//IM_ROBOT.', '');
      const card = { outTrackId: body.outTrackId, userId, templateId: body.cardTemplateId, params: { ...body.cardData.cardParamMap }, app };
      this.cards.set(body.outTrackId, card);
      const failed = this.failDeliveryTo.has(userId);
      if (!failed) this.observer.card?.(card);
      return { success: true, result: { outTrackId: body.outTrackId, deliverResults: [{ spaceType: 'IM_ROBOT', spaceId: userId, success: !failed, ...(failed ? { errorMsg: 'user not in the robot\'s visible range' } : {}) }] } };
    }
    if (path === '/v1.0/card/instances') {
      const card = this.cards.get(body.outTrackId)!;
      Object.assign(card.params, body.cardData.cardParamMap);
      this.observer.cardUpdated?.(card);
      return { success: true, result: true };
    }
    if (path === '/v1.0/robot/oToMessages/batchSend' && body.msgKey === 'sampleFile') {
      const p = JSON.parse(body.msgParam) as { mediaId: string; fileName: string };
      for (const u of body.userIds as string[]) this.observer.file?.(u, { mediaId: p.mediaId, name: p.fileName, size: this.media.peek(p.mediaId)!.bytes.length });
    } else if (path === '/v1.0/robot/oToMessages/batchSend') for (const u of body.userIds as string[]) this.observer.text?.(u, messageText(body.msgParam));
    if (path === '/v1.0/robot/groupMessages/send') this.observer.groupText?.(String(body.openConversationId), messageText(body.msgParam));
    return { processQueryKey: randomBytes(8).toString('hex') };
  }
}

function messageText(msgParam: string): string {
  const p = JSON.parse(msgParam) as { content?: string; text?: string };
  return String(p.content ?? p.text ?? '');
}

/** A DingTalk card as the chat page draws cards (the shape of WeCom's template_card it knows). */
export function pageCard(card: FakeCard): Record<string, unknown> {
  const p = card.params;
  const buttons = [1, 2, 3].filter((i) => p[`btn${i}Text`]).map((i) => ({ text: p[`btn${i}Text`], key: p[`btn${i}Key`], style: p[`btn${i}Style`] === 'primary' ? 1 : 2 }));
  return {
    platform: 'dingtalk', task_id: card.outTrackId,
    ...(p.source ? { source: { desc: p.source } } : {}),
    main_title: { title: p.title, desc: p.description },
    horizontal_content_list: (p.body ?? '').split('\n').filter(Boolean).map((line) => {
      const [keyname, ...rest] = line.split('：');
      return rest.length ? { keyname, value: rest.join('：') } : { keyname: '', value: line };
    }),
    button_list: buttons,
    ...(p.settled ? { replace_text: p.settled } : {}),
  };
}
