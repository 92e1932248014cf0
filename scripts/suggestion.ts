// npm run suggestion -- list|show|register|return|merge|assign|accept|talk|extend|answer|close|report …
// (rules S1–S6; a contract used by tools outside the repo). Output: one line per suggestion or
// per transition, or the one line saying what was done. Errors: one line on stderr, exit 1.
// The deputy and the departments are told through the outbox, which the running bot sends.
import { systemClock } from '../src/lib/clock.ts';
import { Outbound } from '../src/services/outbound.ts';
import { parseSuggestionArgs } from '../src/services/suggestions/cli-args.ts';
import { commandLineActor, runSuggestionCommand } from '../src/services/suggestions/cli-service.ts';
import { runCli, withOrganisation } from './cli.ts';

async function main(): Promise<number> {
  const parsed = parseSuggestionArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(parsed.message);
    return 1;
  }
  const code = await withOrganisation(parsed.orgCode, async ({ db, org }) => {
    const acting = await commandLineActor(db, org.id, parsed.by);
    if ('error' in acting) {
      console.error(acting.error);
      return 1;
    }
    const deps = { db, outbound: new Outbound(db, systemClock), now: systemClock.now() };
    const result = await runSuggestionCommand(deps, acting, org.id, parsed.command);
    if (!result.ok) {
      console.error(result.message);
      return 1;
    }
    for (const line of result.lines) console.log(line);
    return 0;
  });
  return code === 0 ? 0 : 1; // the contract: every error exits 1
}

runCli(main);
