// npm run register -- export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unmasked] [--org CODE]
// Prints the reception register (接待选民登记表) for the period as CSV; phones are masked unless
// --unmasked is given (rule R6: only office staff run this).
import { parseArgs } from 'node:util';
import { parseLocalDateTime } from '../src/domain/time.ts';
import { exportRegister } from '../src/services/register/register-export.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run register -- export [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--unmasked] [--org CODE]';

function day(name: string, text: string | undefined, fallback: Date): Date | string {
  if (text === undefined) return fallback;
  const parsed = parseLocalDateTime(`${text} 00:00`);
  return parsed.ok ? parsed.date : `--${name}: ${parsed.message}`;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { from: { type: 'string' }, to: { type: 'string' }, unmasked: { type: 'boolean' }, org: { type: 'string' } } });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.positionals[0] !== 'export') {
    console.error(USAGE);
    return 2;
  }
  const now = new Date();
  const from = day('from', args.values.from, new Date(now.getTime() - 365 * 86400_000));
  // --to is inclusive: the register runs to the end of that day.
  const toDay = day('to', args.values.to, now);
  const to = typeof toDay === 'string' ? toDay : new Date(toDay.getTime() + 86400_000);
  const problems = [from, to].filter((x): x is string => typeof x === 'string');
  if (problems.length) {
    for (const p of problems) console.error(p);
    return 2;
  }
  return withOrganisation(args.values.org, async ({ db, org }) => {
    process.stdout.write(await exportRegister(db, { orgId: org.id, from: from as Date, to: to as Date, unmasked: args.values.unmasked }));
    return 0;
  });
}

runCli(main);
