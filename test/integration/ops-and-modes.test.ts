// Operations endpoints and the two modes, through real HTTP.
import { testingPostgres } from '../helpers/test-database.ts';
import Database from 'better-sqlite3';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/lib/clock.ts';
import { httpPost } from '../../src/lib/http-client.ts';
import { sqlitePath } from '../../src/repositories/prisma.ts';
import { eventually, startTestBot, type TestBot } from '../helpers/bot.ts';
import { mockWecomApi } from '../helpers/wecom-api-mock.ts';

describe('WeCom mode', () => {
  let t: TestBot;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect(/127\.0\.0\.1|localhost/);
    mockWecomApi();
    t = await startTestBot();
  });
  afterAll(async () => {
    await t.stop();
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it('/healthz answers while the process is up', async () => {
    const res = await fetch(`${t.bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('/readyz is ready with the database reachable and migrations applied', async () => {
    const res = await fetch(`${t.bot.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', database: 'ok', migrations: 'ok' });
  });

  // Edits local mode's SQLite ledger directly (the PostgreSQL ledger is checked by migrate tests).
  it.skipIf(testingPostgres())('/readyz is not ready when a committed migration is missing from the database', async () => {
    const db = new Database(sqlitePath(t.bot.config.databaseUrl));
    const applied = db.prepare('SELECT name, checksum, appliedAt FROM _app_migrations').get() as Record<string, string>;
    db.prepare('DELETE FROM _app_migrations').run();
    try {
      const res = await fetch(`${t.bot.url}/readyz`);
      expect(res.status).toBe(503);
      expect((await res.json()).migrations).toMatch(/^pending: 20261121000000_init/);
    } finally {
      db.prepare('INSERT INTO _app_migrations (name, checksum, appliedAt) VALUES (?, ?, ?)').run(applied.name, applied.checksum, applied.appliedAt);
      db.close();
    }
  });

  it('/metrics counts callbacks by result and shows outbox depth', async () => {
    await t.sender.sendText('someone', '你好');
    await t.sender.post({ query: 'msg_signature=x&timestamp=1&nonce=n', body: '<xml><Encrypt>abc</Encrypt></xml>' });
    await eventually(async () => (await t.bot.db.outbox.count({ where: { status: 'sent' } })) === 1);
    const text = await (await fetch(`${t.bot.url}/metrics`)).text();
    expect(text).toContain('bot_callbacks_total{channel="wecom",result="accepted"} 1');
    expect(text).toContain('bot_callbacks_total{channel="wecom",result="bad_signature"} 1');
    expect(text).not.toContain('bot_outbox_rows{status="sent"}'); // every send ever: counted by bot_outbox_sends_total
    expect(text).not.toMatch(/bot_outbox_rows\{status="(pending|sending)"\} [1-9]/);
    expect(text).toMatch(/bot_outbox_oldest_pending_age_seconds \d/);
    expect(text).toContain('bot_outbox_sends_total{channel="wecom",result="sent"} 1');
  });

  it('has no simulator: /sim answers 404', async () => {
    expect((await fetch(`${t.bot.url}/sim`)).status).toBe(404);
    expect((await fetch(`${t.bot.url}/sim/api/people`)).status).toBe(404);
  });

  it('logs JSON lines carrying the request id', () => {
    const refused = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'request refused' && l.status === 401);
    expect(refused).toMatchObject({ level: 'warn', status: 401, path: '/wecom/callback' });
    expect(refused.requestId).toBeTruthy();
  });
});

describe('local mode', () => {
  let t: TestBot;
  beforeAll(async () => {
    // A hard date on purpose: Monday 2026-11-30 09:00 Shanghai, the eve of a first Tuesday, when
    // start-up itself sends 赵文华 (a station head) the reception-day duty notice before she says anything.
    t = await startTestBot({ mode: 'local', clock: fixedClock('2026-11-30T01:00:00Z') });
  });
  afterAll(() => t.stop());

  it('loads the demo roster and serves the simulator page', async () => {
    const page = await fetch(`${t.bot.url}/sim`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('企业微信模拟器');
    const people = (await (await fetch(`${t.bot.url}/sim/api/people`)).json()) as { userId: string }[];
    expect(people.length).toBeGreaterThanOrEqual(20);
  });

  it('a deputy says 帮助 on the page and gets the help text and card from the bot', async () => {
    const res = await httpPost(`${t.bot.url}/sim/api/say`, JSON.stringify({ userId: 'zhaowenhua', text: '帮助' }));
    expect(JSON.parse(res.body)).toEqual({ callbackStatus: 200 });
    const store = t.bot.simulator!.store;
    // What it looked for, not "the first message": local mode's start-up may send what is due.
    const card = await eventually(() => store.visibleTo('zhaowenhua').find((m) => m.kind === 'card' && JSON.stringify(m.card).includes('help.contacts')));
    await eventually(() => store.visibleTo('zhaowenhua').find((m) => m.from === 'bot' && m.kind === 'text' && m.text?.startsWith('赵文华，您好')));

    const click = await httpPost(`${t.bot.url}/sim/api/click`, JSON.stringify({ userId: 'zhaowenhua', messageId: card.id, key: 'help.contacts' }));
    expect(JSON.parse(click.body)).toEqual({ callbackStatus: 200 });
    const contacts = await eventually(() => store.visibleTo('zhaowenhua').find((m) => m.text?.startsWith('您可以联系')));
    expect(contacts.text).toContain('县人大常委会代表联络工委：');
    // The date made it hard: the start-up notice is in her chat too.
    await eventually(() => store.visibleTo('zhaowenhua').find((m) => m.text?.includes('12月1日（周二）09:00“接待选民日”')));
  });

  it('refuses a click on a card that is not in that person\'s chat', async () => {
    const res = await httpPost(`${t.bot.url}/sim/api/click`, JSON.stringify({ userId: 'qianxiuying', messageId: 1, key: 'help.whoami' }));
    expect(res.status).toBe(404);
  });
});
