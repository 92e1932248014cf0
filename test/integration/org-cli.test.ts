// npm run org: organisations' credentials managed from the command line, in its own process,
// on a fresh database. Secrets never appear in the database in the clear, nor in `list`.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSecretKeys, SecretBox, type SecretKey } from '../../src/lib/secret-box.ts';
import { openDingtalkApp } from '../../src/platforms/dingtalk/org-apps.ts';
import { findDingtalkAppByCode } from '../../src/repositories/org-dingtalk-repo.ts';
import { connectDb, type Db } from '../../src/repositories/prisma.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const KEY = Buffer.alloc(32, 3).toString('base64');
const AES = 'CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC';
/** County C's DingTalk app, as its .env-style file would give it. */
const DINGTALK_C = 'DINGTALK_CLIENT_ID=dingclientc\nDINGTALK_CLIENT_SECRET=plain-dingtalk-secret-c\nDINGTALK_ROBOT_CODE=dingrobotc\nDINGTALK_CARD_TEMPLATE_NOTICE=tpl-notice.c\nDINGTALK_CARD_TEMPLATE_APPROVAL=tpl-approval.c\n';
const dingtalkFlags = (id: string) => ['--dingtalk-client-id', id, '--dingtalk-client-secret', `plain-secret-${id}`, '--dingtalk-robot-code', id, '--dingtalk-card-notice', 'tpl-n', '--dingtalk-card-approval', 'tpl-a'];
let dir: string;

function dingtalkEnv(clientId: string): Record<string, string> {
  return { DINGTALK_CLIENT_ID: clientId, DINGTALK_CLIENT_SECRET: 'env-secret', DINGTALK_ROBOT_CODE: clientId, DINGTALK_CARD_TEMPLATE_NOTICE: 'tpl-n', DINGTALK_CARD_TEMPLATE_APPROVAL: 'tpl-a' };
}

function cli(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<{ code: number; out: string[]; err: string[] }> {
  // Only the test's platform variables: none from the shell running it.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (/^(WECOM|DINGTALK)_/.test(name) || name === 'ORG_CODE') delete env[name];
  Object.assign(env, { DATABASE_URL: `file:${join(dir, 'bot.db')}`, LOG_LEVEL: 'silent', SECRETS_KEY: KEY, ...options.env });
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

  it('add takes a DingTalk-only organisation from stdin and stores only the sealed client secret', async () => {
    const added = await cli(['add', 'county-c', '丙县人大常委会', '--stdin'], { stdin: DINGTALK_C });
    expect(added).toEqual({ code: 0, out: ['已添加组织 county-c（丙县人大常委会）的钉钉应用。Stream 模式无需公网地址；HTTP 模式下机器人的消息接收地址：/dingtalk/callback/county-c'], err: [] });
    const row = await withDb((db) => db.orgDingtalkApp.findFirstOrThrow({ include: { org: true } }));
    expect(row).toMatchObject({ clientId: 'dingclientc', robotCode: 'dingrobotc', noticeTemplate: 'tpl-notice.c', approvalTemplate: 'tpl-approval.c', org: { code: 'county-c', name: '丙县人大常委会' } });
    expect(row.clientSecret).toMatch(/^v1\.[0-9a-f]{8}\./);
    expect(JSON.stringify(row)).not.toContain('plain-dingtalk-secret-c');
    expect(await withDb((db) => db.orgCredential.count({ where: { org: { code: 'county-c' } } }))).toBe(0);
  });

  it('list shows each DingTalk app on its own line after the WeCom ones, its secret masked', async () => {
    const listed = await cli(['list'], { env: { SECRETS_KEY: '' } });
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(2);
    expect(listed.out[0]).toMatch(/^county-b {2}乙县人大常委会 {2}corp=wwcorpb agent=1000006 secret=/);
    expect(listed.out[1]).toMatch(/^county-c {2}丙县人大常委会 {2}dingtalk client=dingclientc robot=dingrobotc clientSecret=\*\*\*\*\(key [0-9a-f]{8}\) notice=tpl-notice\.c approval=tpl-approval\.c {2}\/dingtalk\/callback\/county-c$/);
    expect(listed.out.join('\n')).not.toContain('plain-dingtalk-secret-c');
  });

  it('set changes the DingTalk app\'s fields; an organisation without the app it names is refused', async () => {
    const refused = await Promise.all([
      cli(['set', 'county-b', '--dingtalk-robot-code', 'dingrobotb']),
      cli(['set', 'county-c', '--secret', 's']),
    ]);
    expect(refused.map((r) => [r.code, r.out, r.err])).toEqual([
      [1, [], ['组织「county-b」还没有钉钉应用；先用 npm run org -- add county-b 组织名称 --dingtalk-client-id … 添加。']],
      [1, [], ['组织「county-c」还没有企业微信应用；先用 npm run org -- add county-c 组织名称 --corp-id … 添加。']],
    ]);
    const before = await withDb((db) => db.orgDingtalkApp.findFirstOrThrow());
    const set = await cli(['set', 'county-c', '--dingtalk-card-notice', 'tpl-notice-2', '--dingtalk-client-secret', 'new-dingtalk-secret-c']);
    expect(set).toEqual({ code: 0, out: ['已修改组织 county-c：dingtalk-client-secret、dingtalk-card-notice。正在运行的机器人一分钟内生效。'], err: [] });
    const after = await withDb((db) => db.orgDingtalkApp.findFirstOrThrow());
    expect(after).toMatchObject({ clientId: 'dingclientc', robotCode: 'dingrobotc', noticeTemplate: 'tpl-notice-2', approvalTemplate: 'tpl-approval.c' });
    expect(after.clientSecret).not.toBe(before.clientSecret);
    expect(after.clientSecret).not.toContain('new-dingtalk-secret-c');
  });

  it('an organisation with WeCom gets DingTalk by add; one app serves one organisation', async () => {
    const added = await cli(['add', 'county-b', '乙县人大常委会', ...dingtalkFlags('dingclientb')]);
    expect(added).toEqual({ code: 0, out: ['已添加组织 county-b（乙县人大常委会）的钉钉应用。Stream 模式无需公网地址；HTTP 模式下机器人的消息接收地址：/dingtalk/callback/county-b'], err: [] });
    expect(await withDb(async (db) => [await db.orgCredential.count({ where: { org: { code: 'county-b' } } }), await db.orgDingtalkApp.count({ where: { org: { code: 'county-b' } } })])).toEqual([1, 1]);
    const envA = { ORG_CODE: 'county-a', ...dingtalkEnv('dingclienta') };
    const cases: [string[], Record<string, string>, string | RegExp][] = [
      [['add', 'county-b', '乙县', ...dingtalkFlags('dingclientb2')], {}, '组织「county-b」已经有钉钉应用；要修改请用 npm run org -- set county-b --dingtalk-字段 值。'],
      [['add', 'county-d', '丁县', ...dingtalkFlags('dingclientc')], {}, '钉钉应用 dingclientc 已经属于组织 county-c：一个应用只能服务一个组织（钉钉的 userid 只在它自己的企业里指代一个人），请为每个组织建一个企业内部应用。'],
      [['set', 'county-b', '--dingtalk-client-id', 'dingclientc'], {}, /^钉钉应用 dingclientc 已经属于组织 county-c：/],
      [['add', 'county-d', '丁县', ...dingtalkFlags('dingclienta')], envA, /^钉钉应用 dingclienta 已经属于组织 county-a：/],
      [['add', 'county-d', '丁县', '--dingtalk-client-id', 'dingclientd'], {}, /^缺少 --dingtalk-client-secret、--dingtalk-robot-code、--dingtalk-card-notice、--dingtalk-card-approval（/],
      [['add', 'county-d', '丁县'], {}, /^缺少应用凭据：/],
    ];
    // None of them writes anything, so they run side by side.
    const results = await Promise.all(cases.map(([args, env]) => cli(args, { env })));
    for (const [i, [args, , line]] of cases.entries()) {
      const result = results[i]!;
      expect([result.code, result.out, result.err.length], args.join(' ')).toEqual([1, [], 1]);
      expect(result.err[0]).toMatch(line);
    }
    expect(await withDb((db) => db.organisation.count({ where: { code: 'county-d' } }))).toBe(0);
  }, 150_000);

  it('the DINGTALK_* variables win for ORG_CODE; a set may change both apps at once', async () => {
    const envD = { ORG_CODE: 'county-d', ...dingtalkEnv('dingclienta') };
    const added = await cli(['add', 'county-d', '丁县人大常委会', ...dingtalkFlags('dingclientd')], { env: envD });
    expect(added.out).toEqual([
      '已添加组织 county-d（丁县人大常委会）的钉钉应用。Stream 模式无需公网地址；HTTP 模式下机器人的消息接收地址：/dingtalk/callback/county-d',
      '注意：county-d 是 ORG_CODE，设置了 DINGTALK_* 变量时以变量为准。',
    ]);
    const listed = await cli(['list'], { env: envD });
    expect(listed.out.at(-1)).toMatch(/^county-d {2}丁县人大常委会 {2}dingtalk client=dingclientd .* {2}\/dingtalk\/callback\/county-d {2}\(ORG_CODE: DINGTALK_\* 变量优先\)$/);
    const set = await cli(['set', 'county-b', '--token', 'tok9', '--dingtalk-card-approval', 'tpl-a2']);
    expect(set).toEqual({ code: 0, out: ['已修改组织 county-b：token、dingtalk-card-approval。正在运行的机器人一分钟内生效。'], err: [] });
    const row = await withDb((db) => findDingtalkAppByCode(db, 'county-b'));
    expect(row).toMatchObject({ clientId: 'dingclientb', approvalTemplate: 'tpl-a2' });
  }, 150_000);

  it('rekey re-seals every secret with the first key; the old key can then go', async () => {
    const newKey = Buffer.alloc(32, 5).toString('base64');
    const before = await withDb((db) => findDingtalkAppByCode(db, 'county-c'));
    const rekeyed = await cli(['rekey'], { env: { SECRETS_KEY: `${newKey},${KEY}` } });
    expect(rekeyed.code).toBe(0);
    // county-b (both apps), county-c and county-d (DingTalk only).
    expect(rekeyed.out[0]).toMatch(/^已用密钥 [0-9a-f]{8} 重新加密 3 个组织的凭据/);
    const after = (await withDb((db) => findDingtalkAppByCode(db, 'county-c')))!;
    const newBox = new SecretBox(parseSecretKeys(newKey) as SecretKey[]);
    expect(after.clientSecret).not.toBe(before!.clientSecret);
    expect(SecretBox.keyIdOf(after.clientSecret)).toBe(newBox.currentKeyId);
    expect(openDingtalkApp(newBox, after).clientSecret).toBe('new-dingtalk-secret-c');
    expect((await cli(['set', 'county-b', '--token', 'tok2'], { env: { SECRETS_KEY: newKey } })).code).toBe(0);
    expect((await cli(['set', 'county-b', '--token', 'tok3'], { env: { SECRETS_KEY: KEY } })).code).toBe(1);
  }, 150_000);

  it('remove forgets the named app only, keeps the organisation, counts what is still queued for it, and needs no key', async () => {
    const queued = (orgId: number, key: string) => ({
      orgId, channel: 'dingtalk', idempotencyKey: key, kind: 'text', recipient: 'dt-x', payload: '{}', status: 'pending', attempts: 0, nextAttemptAt: new Date(),
    });
    await withDb(async (db) => {
      const b = await db.organisation.findFirstOrThrow({ where: { code: 'county-b' } });
      await db.outbox.createMany({ data: [queued(b.id, 'queued-b-1'), queued(b.id, 'queued-b-2'), { ...queued(b.id, 'sent-b'), status: 'sent' }] });
    });
    const removed = await cli(['remove', 'county-b', '--dingtalk'], { env: { SECRETS_KEY: '' } });
    expect(removed).toEqual({ code: 0, out: ['已删除组织 county-b 的钉钉应用，正在运行的机器人一分钟内停止用它收发消息；经它发出的消息还有 2 条在排队，一分钟内没发出的不再发出。'], err: [] });
    expect(await withDb(async (db) => [
      await db.orgDingtalkApp.count({ where: { org: { code: 'county-b' } } }),
      await db.orgCredential.count({ where: { org: { code: 'county-b' } } }),
      await db.organisation.count({ where: { code: 'county-b' } }),
    ])).toEqual([0, 1, 1]);
    const refused = await Promise.all([cli(['remove', 'county-b', '--dingtalk']), cli(['remove', 'county-c', '--wecom', '--dingtalk']), cli(['remove', 'county-z', '--wecom'])]);
    expect(refused.map((r) => [r.code, r.out, r.err])).toEqual([
      [1, [], ['组织「county-b」没有保存的钉钉应用，无可删除；npm run org -- list 列出已保存的应用。']],
      [1, [], ['组织「county-c」没有保存的企业微信应用，无可删除；npm run org -- list 列出已保存的应用。']],
      [1, [], ['组织「county-z」没有保存的企业微信应用，无可删除；npm run org -- list 列出已保存的应用。']],
    ]);
    expect(await withDb((db) => db.orgDingtalkApp.count({ where: { org: { code: 'county-c' } } }))).toBe(1);
    // ORG_CODE's app stays served by its variables: nothing queued is lost, and the line says so.
    const envD = { ORG_CODE: 'county-d', ...dingtalkEnv('dingclienta') };
    expect((await cli(['remove', 'county-d', '--dingtalk'], { env: envD })).out).toEqual([
      '已删除组织 county-d 的钉钉应用，正在运行的机器人一分钟内停止用它收发消息。',
      '注意：county-d 是 ORG_CODE，它的钉钉应用仍由 DINGTALK_* 变量提供。',
    ]);
  }, 150_000);
});
