// npm run export -- --book NAME|all [--unit UNIT] --from YYYY-MM-DD --to YYYY-MM-DD [--out FILE.xlsx] [--unmasked] [--org CODE]
// The registers (台帐) as print-ready XLSX, a contract for tools outside the repo: prints the
// file's absolute path on the first line, then one line per sheet, "<sheet>\t<rows>". Every
// error is one line on stderr and exit 1 (unknown book or unit, --from after --to, a day that
// does not exist). Phones are masked unless --unmasked (rule R6: the office runs this).
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../src/config.ts';
import { OFFICE_PRIVACY } from '../src/domain/registers/privacy.ts';
import { errorLine } from '../src/lib/errors.ts';
import { findUnitByName } from '../src/repositories/activity-repo.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { findOrganisationByCode } from '../src/repositories/org-repo.ts';
import { connectDb, type Db } from '../src/repositories/prisma.ts';
import { parseExportArgs, type ExportArgs } from '../src/services/registers/export-args.ts';
import { exportBooks, exportFileName } from '../src/services/registers/export-service.ts';

async function main(): Promise<number> {
  const parsed = parseExportArgs(process.argv.slice(2));
  if (!parsed.ok) {
    for (const p of parsed.problems) console.error(p);
    return 1;
  }
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    return await run(db, parsed.args, parsed.args.orgCode ?? config.orgCode);
  } finally {
    await db.$disconnect();
  }
}

async function run(db: Db, args: ExportArgs, orgCode: string): Promise<number> {
  const org = await findOrganisationByCode(db, orgCode);
  if (!org) return fail(`--org: 没有代码为「${orgCode}」的组织，请先导入名册`);
  let unitId: number | undefined;
  if (args.unitName) {
    const found = await findUnitByName(db, org.id, args.unitName);
    if (found.status === 'none') return fail(`--unit: 本组织没有名为「${args.unitName}」的单位（现有：${found.knownNames.join('、')}）`);
    if (found.status === 'ambiguous') return fail(`--unit: 有 ${found.units.length} 个名为「${args.unitName}」的单位，请先在名册里改名区分`);
    unitId = found.unit.id;
  }
  const out = resolve(args.out ?? exportFileName(args.book, args.unitName ?? org.name, args.period));
  const privacy = args.unmasked ? { ...OFFICE_PRIVACY, phones: 'full' as const } : OFFICE_PRIVACY;
  const result = await exportBooks(db, { orgId: org.id, book: args.book, unitId, period: args.period, privacy, out, now: new Date() });
  console.log(result.path);
  for (const s of result.sheets) console.log(`${s.name}\t${s.rows}`);
  return 0;
}

function fail(line: string): number {
  console.error(line);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `导出失败：${errorLine(err)}`);
    process.exit(1);
  },
);
