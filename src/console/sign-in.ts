// Signing in to the console. WeCom mode: web authorisation (connect/oauth2/authorize → code →
// auth/getuserinfo → userid), with a signed nonce cookie whose token is OAuth's `state`, so a
// code can only come back to the browser that left. Local mode: a picker of the demo people,
// like /sim, answered only on loopback. Either way the person must be on the roster.
import type Router from '@koa/router';
import type Koa from 'koa';
import { ROLE_LABEL } from '../domain/roles.ts';
import type { WebSignIn } from '../platforms/types.ts';
import { consoleActor, pickablePeople } from '../services/console/console-service.ts';
import type { BotDeps } from '../bot/context.ts';
import { readForm } from './forms.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { consoleText as t } from './messages.ts';
import { PRE_TTL_MS, SESSION_TTL_MS, type SessionSigner } from './session.ts';

/** Paths that answer without a session (everything else under /console needs one). */
export const PUBLIC_CONSOLE_PATHS = ['/console/login', '/console/oauth', '/console/logout', '/console/assets/console.css'] as const;

const PRE_COOKIE = 'console_pre';
const SESSION_COOKIE = 'console_session';
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

interface SignInOptions {
  deps: BotDeps;
  orgId: number;
  mode: 'local' | 'wecom';
  signIn?: WebSignIn;
  signer: SessionSigner;
  cookies: (ctx: Koa.Context, maxAge: number) => Record<string, unknown>;
}

export function mountSignIn(router: Router, o: SignInOptions): void {
  router.get('/console/login', async (ctx) => {
    ctx.set('cache-control', 'no-store');
    const pre = o.signer.issuePre();
    ctx.cookies.set(PRE_COOKIE, pre.cookie, o.cookies(ctx, PRE_TTL_MS));
    if (o.mode === 'wecom' && !o.signIn) return sentence(ctx, 503, t.noApp);
    if (o.mode === 'wecom') return ctx.redirect(o.signIn!.authorizeUrl(`${ctx.protocol}://${ctx.host}/console/oauth`, o.signer.token('state', pre.nonce)));
    if (!fromLoopback(ctx)) return sentence(ctx, 403, t.loopbackOnly);
    await renderPicker(ctx, o, o.signer.token('login', pre.nonce));
  });

  router.post('/console/login', async (ctx) => {
    if (o.mode !== 'local') return sentence(ctx, 404, t.notFound);
    if (!fromLoopback(ctx)) return sentence(ctx, 403, t.loopbackOnly);
    const form = await readForm(ctx);
    const nonce = o.signer.readPre(ctx.cookies.get(PRE_COOKIE));
    if (!nonce || !o.signer.checkToken('login', nonce, form._csrf)) return sentence(ctx, 403, t.badToken);
    await startSession(ctx, o, String(form.userId ?? ''));
  });

  router.get('/console/oauth', async (ctx) => {
    if (o.mode !== 'wecom') return sentence(ctx, 404, t.notFound);
    const nonce = o.signer.readPre(ctx.cookies.get(PRE_COOKIE));
    const code = typeof ctx.query.code === 'string' ? ctx.query.code : '';
    if (!nonce || !code || !o.signer.checkToken('state', nonce, ctx.query.state)) return sentence(ctx, 403, t.oauthFailed);
    const userId = await o.signIn!.userIdFromCode(code);
    if (!userId) return sentence(ctx, 403, t.oauthFailed);
    await startSession(ctx, o, userId);
  });

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

async function startSession(ctx: Koa.Context, o: SignInOptions, userId: string): Promise<void> {
  ctx.cookies.set(PRE_COOKIE, '', o.cookies(ctx, 0));
  const person = userId ? await consoleActor(o.deps.db, o.orgId, userId) : undefined;
  if (!person) return sentence(ctx, 403, t.notOnRoster);
  ctx.cookies.set(SESSION_COOKIE, o.signer.issue(userId).cookie, o.cookies(ctx, SESSION_TTL_MS));
  ctx.redirect('/console');
}

async function renderPicker(ctx: Koa.Context, o: SignInOptions, token: string): Promise<void> {
  const people = await pickablePeople(o.deps.db, o.orgId);
  const items = [...people.map((p) => ({ userId: p.userId, name: p.name, roles: p.memberships.map((m) => `${m.unit.name}${ROLE_LABEL[m.role] ?? m.role}`) })),
    { userId: 'outsider', name: '名册外成员', roles: ['企业微信里有、代表名册里没有的人'] }];
  const list = items.map((p) => html`<li><form method="post" action="/console/login"><input type="hidden" name="_csrf" value="${token}">
<input type="hidden" name="userId" value="${p.userId}"><button class="secondary" data-user-id="${p.userId}">${p.name}<br><small>${p.roles.join('、')}</small></button></form></li>`);
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
