// npm run record -- show NAME [PHONE_TAIL] | session ACTIVITY_ID [--off]  [--org CODE]
// show: a deputy's performance record this year (rules P1, P4), as office staff see it.
// session: marks a meeting (活动类型 会议) as a session of the people's congress, so unapproved
// absences in a row are reported to office staff afterwards (rule L4); --off unmarks it.
// Errors: one line on stderr, exit 1.
import { parseArgs } from 'node:util';
import { systemClock } from '../src/lib/clock.ts';
import { deputiesNamed } from '../src/repositories/record-entry-repo.ts';
import { performanceRecord, renderRecord } from '../src/services/records/performance-service.ts';
import { markSession } from '../src/services/records/session-service.ts';
import { recordText } from '../src/services/records/messages.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run record -- show NAME [PHONE_TAIL] | session ACTIVITY_ID [--off] [--org CODE]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { org: { type: 'string' }, off: { type: 'boolean' } } });
  } catch (err) {
    console.error(`${(err as Error).message.split('\n')[0]}；${USAGE}`);
    return 1;
  }
  const [op, arg, tail, ...rest] = args.positionals;
  const session = op === 'session' && arg && /^[1-9]\d{0,9}$/.test(arg) && !tail;
  const show = op === 'show' && arg && !args.values.off;
  if (rest.length || !(session || show)) {
    console.error(USAGE);
    return 1;
  }
  const code = await withOrganisation(args.values.org, async ({ db, org }) => {
    if (session) {
      const result = await markSession(db, org.id, Number(arg), !args.values.off);
      (result.ok ? console.log : console.error)(result.message);
      return result.ok ? 0 : 1;
    }
    const found = (await deputiesNamed(db, org.id, arg!)).filter((p) => !tail || p.mobile.endsWith(tail));
    if (found.length !== 1) {
      console.error(found.length === 0 ? recordText.notFound(arg!) : recordText.ambiguous(arg!, found.map((p) => p.mobile.slice(-4))));
      return 1;
    }
    console.log(renderRecord(await performanceRecord(db, org.id, found[0]!, systemClock.now())));
    return 0;
  });
  return code === 0 ? 0 : 1;
}

runCli(main);
