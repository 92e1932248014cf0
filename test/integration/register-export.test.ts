// Rule R6: the reception register export masks visitors' phones unless office staff ask for
// them in full; the CSV opens in Excel (BOM) and keeps commas and line breaks in cells.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { ensureOrganisation } from '../../src/repositories/people-repo.ts';
import { exportRegister, maskPhone, REGISTER_HEADER } from '../../src/services/register/register-export.ts';

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
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/register.ts', 'export', '--from', '2026-11-01', '--to', '2026-11-30'], { env });
    expect(stdout).toContain('2026-11-26,城关镇人大代表联络站,王大妈,139****5678');
    const bad = await run(process.execPath, ['--import', 'tsx', 'scripts/register.ts', 'export', '--from', '2026-02-30'], { env }).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  }, 60_000);
});
