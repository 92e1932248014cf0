// npm run org: organisations' credentials managed from the command line, in its own process,
// on a fresh database. Secrets never appear in the database in the clear, nor in `list`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const KEY = Buffer.alloc(32, 3).toString('base64');
const AES = 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';
let dir: string;

function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'silent', SECRETS_KEY: KEY, ...options.env };
  for (const name of Object.keys(env)) if (name.startsWith('WECOM_') || name === 'ORG_CODE') delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, npmRunArgs('org', ...args), { env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out: out.trim() ? out.trim().split('\n') : [], err: err.trim() ? err.trim().split('\n') : [] }));
    child.stdin.end(options.stdin ?? '');
  });
}

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await connectDb(`file:${join(dir, 'bot.db')}`);
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'org-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run org', () => {
  it('add reads the secrets from stdin, prints the callback URL and stores only sealed values', async () => {
    const stdin = `WECOM_SECRET=plain-secret-b\nWECOM_TOKEN=plaintokenb\nWECOM_AES_KEY=${AES}\n`;
    const added = await cli(['add', 'county-b', '乙县人大常委会', '--corp-id', 'wwcorpb', '--agent-id', '1000005', '--stdin'], { stdin });
    expect(added).toEqual({ code: 0, out: ['已添加组织 county-b（乙县人大常委会）。企业微信应用的接收消息 URL：/wecom/callback/county-b'], err: [] });
    const row = await withDb((db) => db.orgCredential.findFirstOrThrow({ include: { org: true } }));
    expect(row).toMatchObject({ corpId: 'wwcorpb', agentId: 1000005, botToken: null, org: { code: 'county-b', name: '乙县人大常委会' } });
    for (const field of ['secret', 'token', 'aesKey'] as const) expect(row[field]).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(JSON.stringify(row)).not.toMatch(/plain-secret-b|plaintokenb|CCCCCCCC/);
  });

  it('list shows each organisation on one line with its secrets masked', async () => {
    const listed = await cli(['list'], { env: { SECRETS_KEY: '' } }); // reading needs no key
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(1);
    expect(listed.out[0]).toMatch(/^county-b {2}乙县人大常委会 {2}corp=wwcorpb agent=1000005 secret=\*\*\*\*\(key [0-9a-f]{8}\) token=\*\*\*\*\(key [0-9a-f]{8}\) aesKey=\*\*\*\*\(key [0-9a-f]{8}\) botToken=- botAesKey=- {2}\/wecom\/callback\/county-b$/);
    expect(listed.out.join('\n')).not.toMatch(/plain-secret-b|plaintokenb|CCCCCCCC/);
  });

  it('set changes a field, sealed again', async () => {
    const before = await withDb((db) => db.orgCredential.findFirstOrThrow());
    const set = await cli(['set', 'county-b', '--agent-id', '1000006', '--secret', 'new-secret']);
    expect(set).toEqual({ code: 0, out: ['已修改组织 county-b：agent-id、secret。正在运行的机器人一分钟内生效。'], err: [] });
    const after = await withDb((db) => db.orgCredential.findFirstOrThrow());
    expect(after.agentId).toBe(1000006);
    expect(after.secret).not.toBe(before.secret);
    expect(after.token).toBe(before.token);
    expect(after.secret).not.toContain('new-secret');
  });

  it('each error is one line and exit 1', async () => {
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['add', 'county-b', '乙县', '--corp-id', 'w', '--agent-id', '1', '--secret', 's', '--token', 't', '--aes-key', AES], {}, /已经有企业微信凭据/],
      [['set', 'county-x', '--secret', 's'], {}, /没有代码为「county-x」的组织的凭据/],
      [['set', 'county-b', '--secret', 's'], { SECRETS_KEY: Buffer.alloc(32, 4).toString('base64') }, /^Configuration error: SECRETS_KEY does not open the stored credentials of organisation county-b/],
      [['set', 'county-b', '--secret', 's'], { SECRETS_KEY: '' }, /^Configuration error: SECRETS_KEY is missing/],
      [['add', 'county-c', '丙县', '--corp-id', 'w'], {}, /^缺少 --agent-id、--secret、--token、--aes-key/],
      [['frob'], {}, /^未知命令「frob」/],
    ];
    // None of them writes anything, so they run side by side (each process starts tsx).
    const results = await Promise.all(cases.map(([args, env]) => cli(args, { env })));
    for (const [i, [args, , line]] of cases.entries()) {
      const result = results[i]!;
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.out).toEqual([]);
      expect(result.err).toHaveLength(1);
      expect(result.err[0]).toMatch(line);
    }
  }, 150_000);

  it('rekey re-seals every secret with the first key; the old key can then go', async () => {
    const newKey = Buffer.alloc(32, 5).toString('base64');
    const rekeyed = await cli(['rekey'], { env: { SECRETS_KEY: `${newKey},${KEY}` } });
    expect(rekeyed.code).toBe(0);
    expect(rekeyed.out[0]).toMatch(/^已用密钥 [0-9a-f]{8} 重新加密 1 个组织的凭据/);
    expect((await cli(['set', 'county-b', '--token', 'tok2'], { env: { SECRETS_KEY: newKey } })).code).toBe(0);
    expect((await cli(['set', 'county-b', '--token', 'tok3'], { env: { SECRETS_KEY: KEY } })).code).toBe(1);
  }, 150_000);
});
