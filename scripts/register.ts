// npm run register -- export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--unmasked] [--org CODE]
// Writes the reception register (接待选民登记表) for the period as CSV, to FILE or to standard
// output (redirect it: `> register.csv`); phones are masked unless --unmasked is given (rule R6:
// only office staff run this). A period that ends before it starts is refused, not exported empty.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseLocalDateTime } from '../src/domain/time.ts';
import { exportRegisterCounted } from '../src/services/register/register-export.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run register -- export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--out FILE] [--unmasked] [--org CODE]';
const DAY_MS = 86400_000;

function day(name: string, text: string | undefined, fallback: Date): Date | string {
  if (text === undefined) return fallback;
  const parsed = parseLocalDateTime(`${text} 00:00`);
  return parsed.ok ? parsed.date : `--${name}: ${parsed.message}`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2), allowPositionals: true,
      options: { from: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' }, unmasked: { type: 'boolean' }, org: { type: 'string' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.positionals[0] !== 'export') {
    console.error(USAGE);
    return 2;
  }
  const now = new Date();
  const from = day('from', args.values.from, new Date(now.getTime() - 365 * DAY_MS));
  const toDay = day('to', args.values.to, now);
  const problems = [from, toDay].filter((x): x is string => typeof x === 'string');
  if (problems.length) {
    for (const p of problems) console.error(p);
    return 2;
  }
  if ((toDay as Date).getTime() < (from as Date).getTime()) {
    console.error(`--to: ${args.values.to ?? '今天'} 早于 --from ${args.values.from ?? '一年前'}，没有导出；请把较早的日期写在 --from`);
    return 1;
  }
  // --to is inclusive: the register runs to the end of that day.
  const to = new Date((toDay as Date).getTime() + DAY_MS);
  return withOrganisation(args.values.org, async ({ db, org }) => {
    const { csv, visits } = await exportRegisterCounted(db, { orgId: org.id, from: from as Date, to, unmasked: args.values.unmasked });
    if (!args.values.out) {
      process.stdout.write(csv);
      return 0;
    }
    writeFileSync(args.values.out, csv);
    console.log(`已导出 ${visits} 条登记到 ${args.values.out}`);
    return 0;
  });
}

runCli(main);
