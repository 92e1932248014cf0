// The console's doors: WeCom web authorisation end to end against the fake WeCom (authorize →
// code → auth/getuserinfo → userid → session cookie), a person not on the roster, and every
// route of the router under /console refused without a session, for the wrong role, and (a
// POST) without the CSRF token. The routes are read from the router itself, so a page added
// later cannot escape these checks. Rules U2–U5 (who keeps which unit) are the bot's own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSOLE_PAGES } from '../../src/console/pages/index.ts';
import { PUBLIC_CONSOLE_PATHS } from '../../src/console/sign-in.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';
import { startFakeWecom, type FakeWecom } from '../helpers/fake-wecom.ts';
import { addPerson } from '../helpers/seed.ts';

let t: TestBot;
let fake: FakeWecom;
let webUser: string | undefined;
const ids: Record<string, number> = {};

beforeAll(async () => {
  const { fixedClock } = await import('../../src/lib/clock.ts');
  const clock = fixedClock('2026-11-23T02:00:00Z');
  fake = await startFakeWecom(clock, { webUser: () => webUser });
  t = await startTestBot({ clock, workers: 'manual', env: { WECOM_API_BASE: fake.url, WECOM_OAUTH_BASE: fake.url } });
  const db = t.bot.db;
  const org = t.bot.orgId;
  ids.deputy = await addPerson(db, org, { name: '张三', mobile: '13800000001', wecom: 'zhangsan', units: [{ kind: 'group', name: '第一代表小组', role: 'member' }] });
  ids.leader = await addPerson(db, org, { name: '李组长', mobile: '13800000002', wecom: 'lizuzhang', units: [{ kind: 'group', name: '第一代表小组', role: 'leader' }] });
  ids.staff = await addPerson(db, org, { name: '何静', mobile: '13900000201', wecom: 'hejing', levels: '', isStaff: true, units: [{ kind: 'office', name: '人大常委会办公室', role: 'staff' }] });
  await addPerson(db, org, { name: '王组长', mobile: '13800000003', wecom: 'wangzuzhang', units: [{ kind: 'group', name: '第二代表小组', role: 'leader' }] });
}, 60_000);

afterAll(async () => {
  await t?.stop();
  await fake?.stop();
});

interface Browser {
  cookies: Map<string, string>;
  setCookies: string[];
}

function jar(): Browser {
  return { cookies: new Map(), setCookies: [] };
}

async function go(b: Browser, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  for (const line of res.headers.getSetCookie()) {
    b.setCookies.push(line);
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    if (value.join('=')) b.cookies.set(name!, value.join('='));
    else b.cookies.delete(name!);
  }
  return res;
}

/** Opens /console as the member signed in to WeCom, following the redirects through WeCom's authorize page. */
async function signIn(userId: string | undefined, headers: Record<string, string> = {}): Promise<{ b: Browser; last: Response }> {
  webUser = userId;
  const b = jar();
  let res = await go(b, `${t.bot.url}/console`, { headers });
  for (let hops = 0; hops < 5 && res.status === 302; hops++) {
    // Behind a TLS proxy the bot names its https address; the test talks to it directly.
    const next = new URL(res.headers.get('location')!, t.bot.url).toString().replace(t.bot.url.replace('http:', 'https:'), t.bot.url);
    res = await go(b, next, { headers: next.startsWith(t.bot.url) ? headers : {} });
  }
  return { b, last: res };
}

async function csrfOf(b: Browser): Promise<string> {
  const page = await (await go(b, `${t.bot.url}/console`)).text();
  return /name="_csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
}

const consoleRoutes = () =>
  t.bot.routes
    .filter((r) => r.path.startsWith('/console') && !(PUBLIC_CONSOLE_PATHS as readonly string[]).includes(r.path))
    .flatMap((r) => r.methods.map((method) => ({ method, path: r.path, url: `${t.bot.url}${r.path.replace(/:[a-z]+/gi, '1')}` })));

describe('console sign-in through WeCom web authorisation (fake WeCom)', () => {
  it('a member on the roster is sent to authorize, comes back with a code and gets an HttpOnly, SameSite=Lax, expiring session', async () => {
    const { b, last } = await signIn('hejing');
    expect(last.status).toBe(200);
    expect(await last.text()).toContain('何静，您好');
    const session = b.setCookies.find((c) => c.startsWith('console_session=') && !c.startsWith('console_session=;'))!;
    expect(session).toMatch(/httponly/i);
    expect(session).toMatch(/samesite=lax/i);
    expect(session).toMatch(/expires=/i);
    expect(session).not.toMatch(/secure/i);
    expect(fake.callCount('/cgi-bin/auth/getuserinfo')).toBeGreaterThan(0);
  });

  it('behind HTTPS (X-Forwarded-Proto) the session cookie is Secure', async () => {
    const { b } = await signIn('hejing', { 'x-forwarded-proto': 'https' });
    expect(b.setCookies.find((c) => c.startsWith('console_session=') && !c.startsWith('console_session=;'))).toMatch(/;\s*secure/i);
  });

  it('a corp member not on the roster sees one sentence, and gets no session', async () => {
    const { b, last } = await signIn('stranger');
    expect(last.status).toBe(403);
    expect(await last.text()).toContain('您不在本单位的代表名册中');
    expect(b.cookies.has('console_session')).toBe(false);
  });

  it('a code with a forged state, or used twice, is refused', async () => {
    webUser = 'hejing';
    const b = jar();
    const toWecom = await go(b, `${t.bot.url}/console/login`);
    const back = await go(b, toWecom.headers.get('location')!);
    const callback = new URL(back.headers.get('location')!);
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(40));
    expect((await go(b, forged.toString())).status).toBe(403);
    // A forged state never reaches WeCom, so the real code still works, once.
    expect((await go(b, callback.toString())).status).toBe(302);
    const replay = jar();
    const again = await go(replay, `${t.bot.url}/console/login`);
    const state = new URL(again.headers.get('location')!.replace('#wechat_redirect', '')).searchParams.get('state')!;
    callback.searchParams.set('state', state);
    expect((await go(replay, callback.toString())).status).toBe(403);
    expect(replay.cookies.has('console_session')).toBe(false);
  });
});

describe('every console route is guarded', () => {
  it('the router has console routes, and each is a guarded page or a public sign-in path', () => {
    const routes = consoleRoutes();
    expect(routes.length).toBeGreaterThan(20);
    const pages = new Set(CONSOLE_PAGES.map((p) => `${p.method} ${p.path}`));
    for (const r of routes) expect(pages, `${r.method} ${r.path} is not behind the console's guard`).toContain(`${r.method} ${r.path}`);
  });

  it('the calendar and the suggestion pages and actions are among the routes checked below', () => {
    const routes = new Set(consoleRoutes().map((r) => `${r.method} ${r.path}`));
    const added = ['GET /console/activities/calendar', 'GET /console/suggestions/:id', ...['register', 'return', 'merge', 'assign', 'accept', 'talk', 'answer', 'extension', 'close'].map((a) => `POST /console/suggestions/:id/${a}`)];
    for (const route of added) expect(routes, route).toContain(route);
  });

  it('without a session: pages send to sign-in, actions are refused 401', async () => {
    for (const r of consoleRoutes()) {
      const res = await fetch(r.url, { method: r.method, redirect: 'manual', body: r.method === 'POST' ? '' : undefined });
      if (r.method === 'GET') {
        expect(res.status, `${r.method} ${r.path}`).toBe(302);
        expect(res.headers.get('location')).toBe('/console/login');
      } else expect(res.status, `${r.method} ${r.path}`).toBe(401);
    }
  });

  it('rules U2, U3, U5: a deputy who keeps no unit is refused every route; a leader every office route', async () => {
    const deputy = (await signIn('zhangsan')).b;
    const leader = (await signIn('lizuzhang')).b;
    const leaderToken = await csrfOf(leader);
    const need = new Map(CONSOLE_PAGES.map((p) => [`${p.method} ${p.path}`, p.need]));
    for (const r of consoleRoutes()) {
      const body = r.method === 'POST' ? new URLSearchParams({ _csrf: leaderToken }).toString() : undefined;
      const headers = r.method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : undefined;
      const asDeputy = await go(deputy, r.url, { method: r.method, body, headers });
      expect(asDeputy.status, `deputy ${r.method} ${r.path}`).toBe(403);
      if (need.get(`${r.method} ${r.path}`) === 'office') {
        const asLeader = await go(leader, r.url, { method: r.method, body, headers });
        expect(asLeader.status, `leader ${r.method} ${r.path}`).toBe(403);
        expect(await asLeader.text()).toContain('只对办公室工作人员开放');
      }
    }
  });

  it('every POST is refused without the CSRF token, or with another session\'s', async () => {
    const staff = (await signIn('hejing')).b;
    const otherToken = await csrfOf((await signIn('lizuzhang')).b);
    for (const r of consoleRoutes().filter((x) => x.method === 'POST')) {
      const headers = { 'content-type': 'application/x-www-form-urlencoded' };
      const none = await go(staff, r.url, { method: 'POST', body: 'x=1', headers });
      expect(none.status, `${r.path} without a token`).toBe(403);
      const other = await go(staff, r.url, { method: 'POST', body: `_csrf=${otherToken}`, headers });
      expect(other.status, `${r.path} with another session's token`).toBe(403);
    }
  });
});

describe('a leader sees the units they keep', () => {
  it('rule U2: the other group\'s activity is not listed and its page is not found', async () => {
    const db = t.bot.db;
    const org = t.bot.orgId;
    const units = await db.unit.findMany({ where: { orgId: org, kind: 'group' }, orderBy: { id: 'asc' } });
    const mk = (unitId: number, title: string) => db.activity.create({ data: { orgId: org, unitId, kind: 'study', title, startAt: new Date('2026-12-03T06:00:00Z'), endAt: new Date('2026-12-03T08:00:00Z'), place: '会议室' } });
    await mk(units[0]!.id, '第一组学习');
    const other = await mk(units[1]!.id, '第二组学习');
    const leader = (await signIn('lizuzhang')).b;
    const list = await (await go(leader, `${t.bot.url}/console/activities`)).text();
    expect(list).toContain('第一组学习');
    expect(list).not.toContain('第二组学习');
    expect((await go(leader, `${t.bot.url}/console/activities/${other.id}`)).status).toBe(404);
    const staffList = await (await go((await signIn('hejing')).b, `${t.bot.url}/console/activities`)).text();
    expect(staffList).toContain('第二组学习');
  });
});
