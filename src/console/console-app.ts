// The office's console at /console: sign-in (WeCom's or DingTalk's web authorisation, or local mode's picker
// on loopback), a signed session cookie, and one guard in front of every page that checks the
// session, the person on the roster, their role (the bot's own audiences) and, on a POST, the
// CSRF token. Pages call services only, so the console and the chat share every rule.
import type Router from '@koa/router';
import type Koa from 'koa';
import type { BotDeps } from '../bot/context.ts';
import { audiencesOf } from '../domain/roles.ts';
import type { Channel } from '../platforms/types.ts';
import { consoleActor } from '../services/console/console-service.ts';
import { readForm } from './forms.ts';
import { html, type Html } from './html.ts';
import { CONSOLE_CSS, page } from './layout.ts';
import { consoleText as t } from './messages.ts';
import { CONSOLE_PAGES } from './pages/index.ts';
import type { ConsoleCtx, ConsoleRoute } from './routes.ts';
import { SessionSigner } from './session.ts';
import { loginPathFor, mountSignIn, type ConsoleOrg } from './sign-in.ts';

export const SESSION_COOKIE = 'console_session';
const FLASH_COOKIE = 'console_flash';

export interface ConsoleOptions {
  deps: BotDeps;
  /** 'local': the demo picker on loopback; 'platform': the platforms' web sign-in. */
  mode: 'local' | 'platform';
  secret: string;
  /**
   * The organisation a sign-in is for (`/console/login?org=CODE`), or the deployment's own
   * without a code, with the sign-ins its credentials allow; undefined for an unknown code.
   */
  orgFor(code: string | undefined): Promise<ConsoleOrg | undefined>;
  /** Wakes the outbox worker (a message put back in the queue by 消息's 重发). */
  pokeOutbox?: () => void;
  /** The platforms an organisation has an app on (src/platforms/org-channels.ts). */
  reachableChannels?: (orgId: number) => Promise<Channel[]>;
  /** Overrides the page table (tests). */
  pages?: ConsoleRoute[];
}

export function mountConsole(router: Router, options: ConsoleOptions): void {
  const signer = new SessionSigner(options.secret);
  router.get('/console/assets/console.css', (ctx) => {
    ctx.type = 'text/css';
    ctx.set('cache-control', 'max-age=3600');
    ctx.body = CONSOLE_CSS;
  });
  mountSignIn(router, { ...options, signer, cookies: cookieOptions });
  for (const route of options.pages ?? CONSOLE_PAGES) {
    const handler = guarded(route, options, signer);
    if (route.method === 'GET') router.get(route.path, handler);
    else router.post(route.path, handler);
  }
}

export function cookieOptions(ctx: Koa.Context, maxAge: number) {
  // Secure behind HTTPS (app.proxy trusts X-Forwarded-Proto); plain http only on loopback (local mode, tests).
  return { httpOnly: true, sameSite: 'lax' as const, secure: ctx.secure, maxAge, path: '/console', overwrite: true };
}

function guarded(route: ConsoleRoute, options: ConsoleOptions, signer: SessionSigner) {
  return async (ctx: Koa.Context): Promise<void> => {
    ctx.set('cache-control', 'no-store');
    const session = signer.read(ctx.cookies.get(SESSION_COOKIE));
    if (!session) {
      if (route.method === 'GET') return ctx.redirect(loginPathFor(ctx));
      return refuse(ctx, 401, t.signInFirst);
    }
    // Every page is scoped to the organisation signed in to: its people, units and rows only.
    const person = await consoleActor(options.deps.db, session.orgId, session.channel, session.userId);
    if (!person) {
      ctx.cookies.set(SESSION_COOKIE, '', { ...cookieOptions(ctx, 0) });
      return refuse(ctx, 403, t.notOnRoster);
    }
    const audiences = audiencesOf(person);
    const office = audiences.has('office');
    if (!audiences.has('unit_lead') || (route.need === 'office' && !office)) return refuse(ctx, 403, office || audiences.has('unit_lead') ? t.officeOnly : t.wrongRole);
    const csrf = signer.token('csrf', session.sid);
    const form = route.method === 'POST' ? await readForm(ctx) : {};
    if (route.method === 'POST' && !signer.checkToken('csrf', session.sid, form._csrf ?? ctx.get('x-csrf-token'))) return refuse(ctx, 403, t.badToken);
    const flash = signer.openFlash(ctx.cookies.get(FLASH_COOKIE));
    if (flash) ctx.cookies.set(FLASH_COOKIE, '', cookieOptions(ctx, 0));
    const c: ConsoleCtx = {
      deps: options.deps, orgId: session.orgId, orgCode: session.orgCode, channel: session.channel, person, office, csrf, now: options.deps.clock.now(), mode: options.mode, form,
      pokeOutbox: () => options.pokeOutbox?.(),
      reachableChannels: async () => options.reachableChannels?.(session.orgId),
      render(title: string, body: Html, current?: string) {
        ctx.type = 'html';
        ctx.body = page({ title, person: { name: person.name, office }, csrf, flash, current: current ?? route.path }, body).text;
      },
      done(to: string, message: string) {
        ctx.cookies.set(FLASH_COOKIE, signer.sealFlash(message), cookieOptions(ctx, 60_000));
        ctx.redirect(to);
      },
    };
    await route.handle(ctx, c);
  };
}

/** One sentence in the shell, with the status a script can check. */
export function refuse(ctx: Koa.Context, status: number, sentence: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = page({ title: t.appName }, htmlSentence(sentence)).text;
}

function htmlSentence(sentence: string): Html {
  return html`<p class="error">${sentence}</p>`;
}
