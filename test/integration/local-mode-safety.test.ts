// Local mode only on purpose, only on loopback: `npm start` in a fresh folder still starts it,
// but on 127.0.0.1 and data/local.db, and never over a database that has held real people;
// any platform variable turns it off. WeCom mode keeps listening on every interface.
import { testingPostgres } from '../helpers/test-database.ts';
import { mkdtempSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../src/repositories/migrate.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { startTestBot } from '../helpers/bot.ts';
import { runScript, startMain } from '../helpers/main-process.ts';

const ROSTER_HEADER = '姓名,手机号,企业微信账号,钉钉账号,代表层级,代表小组,小组职务,联络站,联络站职务';
/** This machine's first address that is not loopback, as another host on the network would dial it. */
const OUTSIDE = Object.values(networkInterfaces()).flat().find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
if (!OUTSIDE) console.warn('[local-mode] no non-loopback IPv4 address: the "not reachable from outside" checks are skipped');

/** 'open' if a TCP connection to host:port is accepted, else the error code (ECONNREFUSED). */
function dial(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });
}

async function withDb<T>(url: string, body: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectDb(url);
  try {
    return await body(db);
  } finally {
    await db.$disconnect();
  }
}

describe('npm start with no platform variable (a fresh clone)', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fresh-clone-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('starts local mode on 127.0.0.1 only, over its own data/local.db', async () => {
    const run = await startMain(cwd, { PORT: '0' });
    try {
      expect(run.listening, run.stderr).toMatchObject({ mode: 'local', database: 'file:./data/local.db' });
      const { hostname, port } = new URL(run.listening!.url);
      expect(hostname).toBe('127.0.0.1');
      expect((await fetch(`${run.listening!.url}/sim`)).status).toBe(200);
      if (OUTSIDE) expect(await dial(OUTSIDE, Number(port))).toBe('ECONNREFUSED');
      expect(existsSync(join(cwd, 'data', 'local.db'))).toBe(true);
      expect(existsSync(join(cwd, 'data', 'bot.db'))).toBe(false);
      expect(run.stderr).toContain('本地模式已启动');
    } finally {
      expect(await run.stop()).toBe(0);
    }
  }, 150_000);

  it('then refuses, in one line, to start on it once a roster file was imported into it', async () => {
    writeFileSync(join(cwd, '县名册.csv'), `${ROSTER_HEADER}\n甲代表,13912340001,jiadaibiao,,县区,第一代表小组,组长,,\n`);
    // `npm run roster:import` before .env is written: it says where the roster went.
    const imported = await runScript(cwd, 'roster:import', ['县名册.csv', '--org-name', '某县人大常委会']);
    expect(imported.code).toBe(0);
    expect(imported.stderr.trim()).toMatch(/^注意：没有设置 WECOM_\* 变量，名册导入的是本地模式的数据库 file:\.\/data\/local\.db，/);
    const url = `file:${join(cwd, 'data', 'local.db')}`;
    const people = await withDb(url, (db) => db.person.count());

    const run = await startMain(cwd, { PORT: '0' });
    expect(run.listening).toBeUndefined();
    expect(run.exitCode).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Configuration error: DATABASE_URL file:\.\/data\/local\.db holds a roster imported from 县名册\.csv on \d{4}-\d{2}-\d{2} \(organisation default\): .*set the WECOM_\* variables for WeCom mode/),
    ]);
    // Refused before touching anything: the demo roster was not loaded again, nothing renamed.
    expect(await withDb(url, (db) => db.organisation.findMany({ select: { name: true } }))).toEqual([{ name: '某县人大常委会' }]);
    expect(await withDb(url, (db) => db.person.count())).toBe(people);
  }, 150_000);

  it('a partial WeCom set is a configuration error naming every missing variable, never local mode', async () => {
    const run = await startMain(cwd, { PORT: '0', WECOM_CORP_ID: 'ww1234567890', WECOM_SECRET: 'secret' });
    expect(run.exitCode).toBe(1);
    expect(run.stderr.trim()).toBe(
      'Configuration error: WECOM_AGENT_ID, WECOM_TOKEN, WECOM_AES_KEY are missing: set all of WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY for WeCom mode, or none for local mode',
    );
  }, 150_000);
});

// Local mode's database is its SQLite file (data/local.db): these prepare that file, so they
// run on the SQLite pass only.
describe.skipIf(testingPostgres())('local mode refuses a database that is not the demo county', () => {
  async function refusal(prepare: (dir: string) => Promise<void>): Promise<string> {
    const dir = mkdtempSync(join(tmpdir(), 'local-guard-'));
    try {
      await prepare(dir);
      return await startTestBot({ mode: 'local', dir }).then(
        async (t) => (await t.stop({ keepFiles: true }), 'started'),
        (err: Error) => err.message,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const withOrganisation = (code: string, name?: string) => async (dir: string) => {
    const url = `file:${join(dir, 'bot.db')}`;
    migrate(url);
    const db = await connectDb(url);
    await ensureOrganisation(db, code, name);
    await db.$disconnect();
  };

  it('another organisation', async () => {
    expect(await refusal(withOrganisation('other-county', '另一县人大常委会'))).toMatch(
      /^Configuration error: DATABASE_URL file:\S+bot\.db holds the organisation other-county \(另一县人大常委会\), not local mode's demo county: /,
    );
  });

  it('the database of a WeCom deployment (its organisation, by the same code, is not the demo one)', async () => {
    expect(await refusal(withOrganisation('default'))).toMatch(/holds the organisation default \(default\), not local mode's demo county/);
  });

  it('but starts on an empty database and on its own earlier demo database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-guard-'));
    try {
      for (let run = 0; run < 2; run++) {
        const t = await startTestBot({ mode: 'local', dir });
        await t.stop({ keepFiles: true });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!OUTSIDE)('WeCom mode listens on every interface, or on HOST', () => {
  it('is reachable on the machine\'s network address by default', async () => {
    const t = await startTestBot();
    try {
      const port = Number(new URL(t.bot.url).port);
      expect(await dial(OUTSIDE!, port)).toBe('open');
    } finally {
      await t.stop();
    }
  });

  it('HOST=127.0.0.1 keeps it on loopback (behind a reverse proxy on the same machine)', async () => {
    const t = await startTestBot({ env: { HOST: '127.0.0.1' } });
    try {
      const port = Number(new URL(t.bot.url).port);
      expect(await dial(OUTSIDE!, port)).toBe('ECONNREFUSED');
      expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    } finally {
      await t.stop();
    }
  });
});

describe('local mode and HOST', () => {
  it('refuses a HOST that is not loopback in local mode', async () => {
    await expect(startTestBot({ mode: 'local', env: { HOST: '0.0.0.0' } })).rejects.toThrow(
      /^Configuration error: HOST must be a loopback address \(127\.0\.0\.1, ::1 or localhost\) in local mode/,
    );
  });
});
