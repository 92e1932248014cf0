// Signing in to the console. On a platform: its web authorisation (WeCom: connect/oauth2/
// authorize → code → auth/getuserinfo; DingTalk: login.dingtalk.com/oauth2/auth → authCode →
// userid, see platforms/dingtalk/web-auth.ts), with a signed nonce cookie whose token, bound to
// the platform and the organisation, is OAuth's `state`: a code can only come back to the
// browser that left, for the organisation it left for. `?org=CODE` names the organisation (its
// own credentials); without it, the deployment's own (ORG_CODE). When an organisation has both
// platforms, `?via=`, else the app the page was opened in (its user agent), else a choice.
// Local mode: a picker of the demo people, like /sim, answered only on loopback. Either way the
// person must be on that organisation's roster.
import type Router from '@koa/router';
import type Koa from 'koa';
import { ROLE_LABEL } from '../domain/roles.ts';
import type { Channel, WebSignIn } from '../platforms/types.ts';
import { consoleActor, pickablePeople } from '../services/console/console-service.ts';
import type { BotDeps } from '../bot/context.ts';
import { readForm } from './forms.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { consoleText as t } from './messages.ts';
import { PRE_TTL_MS, SESSION_TTL_MS, type SessionSigner, type SessionSubject } from './session.ts';

/** Paths that answer without a session (everything else under /console needs one). */
export const PUBLIC_CONSOLE_PATHS = ['/console/login', '/console/oauth', '/console/oauth/dingtalk', '/console/logout', '/console/assets/console.css'] as const;

const PRE_COOKIE = 'console_pre';
/** The organisation last signed in to (not a secret): a session that ended signs in there again. */
const ORG_COOKIE = 'console_org';
const ORG_COOKIE_MS = 365 * 24 * 3600_000;
const SESSION_COOKIE = 'console_session';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
/** Where each platform sends the browser back to (WeCom's keeps the path it always had). */
const RETURN_PATH: Record<Channel, string> = { wecom: '/console/oauth', dingtalk: '/console/oauth/dingtalk' };
/** The query parameter each platform hands its one-use code back in. */
const CODE_PARAM: Record<Channel, string> = { wecom: 'code', dingtalk: 'authCode' };
const FAILED: Record<Channel, string> = { wecom: t.oauthFailed, dingtalk: t.dingtalkFailed };
const LABEL: Record<Channel, string> = { wecom: t.wecomSignIn, dingtalk: t.dingtalkSignIn };
const CHANNELS: Channel[] = ['wecom', 'dingtalk'];

/** An organisation the console signs in to, with the platforms' sign-ins it has credentials for. */
export interface ConsoleOrg {
  orgId: number;
  orgCode: string;
  signIns: Partial<Record<Channel, WebSignIn>>;
}

interface SignInOptions {
  deps: BotDeps;
  mode: 'local' | 'platform';
  /** The organisation `?org=CODE` names, or without a code the deployment's own; undefined when unknown. */
  orgFor(code: string | undefined): Promise<ConsoleOrg | undefined>;
  signer: SessionSigner;
  cookies: (ctx: Koa.Context, maxAge: number) => Record<string, unknown>;
}

export function mountSignIn(router: Router, o: SignInOptions): void {
  router.get('/console/login', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    const org = await o.orgFor(orgParam(ctx));
    if (!org) return sentence(ctx, 404, t.unknownOrg);
    const pre = o.signer.issuePre();
    ctx.cookies.set(PRE_COOKIE, pre.cookie, o.cookies(ctx, PRE_TTL_MS));
    if (o.mode === 'local') {
      if (!fromLoopback(ctx)) return sentence(ctx, 403, t.loopbackOnly);
      return renderPicker(ctx, o, org, o.signer.token('login', pre.nonce));
    }
    const channel = channelFor(ctx, org);
    if (!channel) return Object.keys(org.signIns).length ? renderChoice(ctx, org) : sentence(ctx, 503, t.noApp);
    const back = `${ctx.protocol}://${ctx.host}${RETURN_PATH[channel]}?org=${encodeURIComponent(org.orgCode)}`;
    ctx.redirect(org.signIns[channel]!.authorizeUrl(back, o.signer.token(statePurpose(channel, org), pre.nonce)));
  });

  router.post('/console/login', async (ctx) => {
    if (o.mode !== 'local') return sentence(ctx, 404, t.notFound);
    if (!fromLoopback(ctx)) return sentence(ctx, 403, t.loopbackOnly);
    const form = await readForm(ctx);
    const nonce = o.signer.readPre(ctx.cookies.get(PRE_COOKIE));
    const org = await o.orgFor(undefined);
    if (!org || !nonce || !o.signer.checkToken('login', nonce, form._csrf)) return sentence(ctx, 403, t.badToken);
    const channel = CHANNELS.find((c) => c === form.channel) ?? 'wecom';
    await startSession(ctx, o, { userId: String(form.userId ?? ''), channel, orgId: org.orgId, orgCode: org.orgCode });
  });

  for (const channel of CHANNELS) router.get(RETURN_PATH[channel], (ctx) => comeBack(ctx, o, channel));

  router.post('/console/logout', async (ctx) => {
    const session = o.signer.read(ctx.cookies.get(SESSION_COOKIE));
    const form = await readForm(ctx);
    if (!session || !o.signer.checkToken('csrf', session.sid, form._csrf)) return sentence(ctx, 403, t.badToken);
    ctx.cookies.set(SESSION_COOKIE, '', o.cookies(ctx, 0));
    if (o.mode === 'local') return ctx.redirect('/console/login');
    ctx.type = 'html';
    ctx.body = page({ title: t.appName }, html`<p>${t.signedOut}</p>`).text;
  });
}

/** The platform sent the browser back with a code: check the state, trade the code, start a session. */
async function comeBack(ctx: Koa.Context, o: SignInOptions, channel: Channel): Promise<void> {
  const org = o.mode === 'platform' ? await o.orgFor(orgParam(ctx)) : undefined;
  const signIn = org?.signIns[channel];
  if (!org || !signIn) return sentence(ctx, 404, t.notFound);
  const nonce = o.signer.readPre(ctx.cookies.get(PRE_COOKIE));
  const code = ctx.query[CODE_PARAM[channel]];
  if (!nonce || typeof code !== 'string' || !code || !o.signer.checkToken(statePurpose(channel, org), nonce, ctx.query.state)) return sentence(ctx, 403, FAILED[channel]);
  // A code is single-use: the nonce goes with it, so a reload cannot try it again.
  ctx.cookies.set(PRE_COOKIE, '', o.cookies(ctx, 0));
  const userId = await signIn.userIdFromCode(code);
  if (!userId) return sentence(ctx, 403, FAILED[channel]);
  await startSession(ctx, o, { userId, channel, orgId: org.orgId, orgCode: org.orgCode });
}

async function startSession(ctx: Koa.Context, o: SignInOptions, subject: SessionSubject): Promise<void> {
  ctx.cookies.set(PRE_COOKIE, '', o.cookies(ctx, 0));
  const person = subject.userId ? await consoleActor(o.deps.db, subject.orgId, subject.channel, subject.userId) : undefined;
  if (!person) return sentence(ctx, 403, t.notOnRoster);
  ctx.cookies.set(SESSION_COOKIE, o.signer.issue(subject).cookie, o.cookies(ctx, SESSION_TTL_MS));
  ctx.cookies.set(ORG_COOKIE, subject.orgCode, o.cookies(ctx, ORG_COOKIE_MS));
  ctx.redirect('/console');
}

/** Where a page without a session sends the browser: the sign-in of the organisation last signed in to. */
export function loginPathFor(ctx: Koa.Context): string {
  const code = ctx.cookies.get(ORG_COOKIE);
  return code && /^[a-z0-9][a-z0-9-]{0,31}$/.test(code) ? `/console/login?org=${code}` : '/console/login';
}

/** `?via=`, else the app the page was opened in, else the organisation's only platform. */
function channelFor(ctx: Koa.Context, org: ConsoleOrg): Channel | undefined {
  const offered = CHANNELS.filter((c) => org.signIns[c]);
  const ua = ctx.get('user-agent');
  const asked = CHANNELS.find((c) => c === ctx.query.via) ?? (/wxwork/i.test(ua) ? 'wecom' : /dingtalk/i.test(ua) ? 'dingtalk' : undefined);
  if (asked && offered.includes(asked)) return asked;
  return offered.length === 1 ? offered[0] : undefined;
}

function statePurpose(channel: Channel, org: ConsoleOrg): string {
  return `state:${channel}:${org.orgId}`;
}

function orgParam(ctx: Koa.Context): string | undefined {
  const code = ctx.query.org;
  return typeof code === 'string' && code ? code : undefined;
}

function renderChoice(ctx: Koa.Context, org: ConsoleOrg): void {
  const links = CHANNELS.filter((c) => org.signIns[c]).map((c) => html`<li><a class="button" data-via="${c}" href="/console/login?org=${encodeURIComponent(org.orgCode)}&amp;via=${c}">${LABEL[c]}</a></li>`);
  ctx.type = 'html';
  ctx.body = page({ title: t.chooseTitle }, html`<p>${t.chooseHint}</p><ul class="people">${links}</ul>`).text;
}

async function renderPicker(ctx: Koa.Context, o: SignInOptions, org: ConsoleOrg, token: string): Promise<void> {
  const people = await pickablePeople(o.deps.db, org.orgId);
  const items = [...people.map((p) => ({ userId: p.userId, channel: p.channel, name: p.name, roles: p.memberships.map((m) => `${m.unit.name}${ROLE_LABEL[m.role] ?? m.role}`) })),
    { userId: 'outsider', channel: 'wecom', name: '名册外成员', roles: ['企业微信里有、代表名册里没有的人'] }];
  const list = items.map((p) => html`<li><form method="post" action="/console/login"><input type="hidden" name="_csrf" value="${token}">
<input type="hidden" name="userId" value="${p.userId}"><input type="hidden" name="channel" value="${p.channel}"><button class="secondary" data-user-id="${p.userId}">${p.name}<br><small>${p.roles.join('、')}${p.channel === 'dingtalk' ? '（钉钉）' : ''}</small></button></form></li>`);
  ctx.type = 'html';
  ctx.body = page({ title: t.pickTitle }, html`<p>${t.pickHint}</p><ul class="people">${list}</ul>`).text;
}

function sentence(ctx: Koa.Context, status: number, text: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = page({ title: t.appName }, html`<p class="error">${text}</p>`).text;
}

function fromLoopback(ctx: Koa.Context): boolean {
  return LOOPBACK.has(ctx.req.socket.remoteAddress ?? '');
}
