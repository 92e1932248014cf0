// npm run report -- setup --activity ID --deputy NAME --organiser NAME [--voters FILE] [--voters-unit NAME,…] [--quorum N]
//                   list | open ID | close ID | status ID | paper ID --satisfied N --basic N --dissatisfied N   [--org CODE]
// Report-back evaluations (述职评议, rules E1–E3). The voter file's header is a contract:
// 姓名,手机号[,企业微信账号] (CSV in UTF-8 or XLSX). Output: what was done, one line each;
// errors: one line each on stderr, exit 1. Cards and results go through the outbox, which the
// running bot sends.
import { parseArgs } from 'node:util';
import { systemClock } from '../src/lib/clock.ts';
import { Outbound } from '../src/services/outbound.ts';
import { closeVoting, enterPaperCount, openVoting, votingStatus, type BallotDeps } from '../src/services/report-back/ballot-service.ts';
import { listBallots, setupBallot } from '../src/services/report-back/ballot-setup-service.ts';
import { readTable } from '../src/services/roster/read-table.ts';
import { runCli, withOrganisation, type CliContext } from './cli.ts';

const USAGE = 'usage: npm run report -- setup --activity ID --deputy NAME --organiser NAME [--voters FILE] [--voters-unit NAME,…] [--quorum N] | list | open ID | close ID | status ID | paper ID --satisfied N --basic N --dissatisfied N [--org CODE]';

const OPTIONS = {
  org: { type: 'string' }, activity: { type: 'string' }, deputy: { type: 'string' }, organiser: { type: 'string' },
  voters: { type: 'string' }, 'voters-unit': { type: 'string' }, quorum: { type: 'string' },
  satisfied: { type: 'string' }, basic: { type: 'string' }, dissatisfied: { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: string };
type Work = (ctx: CliContext, deps: BallotDeps) => Promise<{ ok: boolean; lines: string[] }>;

const WHOLE = /^\d{1,9}$/;
const ID = /^[1-9]\d{0,9}$/;

function plan(op: string | undefined, arg: string | undefined, v: Values): Work | string {
  if (op === 'list' && !arg) return async ({ db, org }) => ({ ok: true, lines: await listBallots(db, org.id) });
  if (op === 'setup' && !arg) {
    if (!v.activity || !ID.test(v.activity) || !v.deputy || !v.organiser) return USAGE;
    if (v.quorum !== undefined && !ID.test(v.quorum)) return '--quorum: 应为正整数';
    return async ({ db, org }) => {
      let voterTable: string[][] | undefined;
      try {
        voterTable = v.voters ? await readTable(v.voters) : undefined;
      } catch (err) {
        return { ok: false, lines: [`--voters: ${(err as Error).message.split('\n')[0]}`] };
      }
      const voterUnits = v['voters-unit']?.split(/[,，]/).map((s) => s.trim()).filter(Boolean);
      const result = await setupBallot(db, { orgId: org.id, activityId: Number(v.activity), deputyName: v.deputy!, organiserName: v.organiser!, quorum: v.quorum ? Number(v.quorum) : undefined, voterTable, voterUnits }, systemClock.now());
      return result.ok ? { ok: true, lines: result.lines } : { ok: false, lines: result.errors };
    };
  }
  if (!arg || !ID.test(arg)) return USAGE;
  const id = Number(arg);
  const cl = { commandLine: true };
  const one = (f: typeof openVoting): Work => async ({ org }, deps) => {
    const r = await f(deps, org.id, id, cl);
    return { ok: r.ok, lines: r.message.split('\n') };
  };
  if (op === 'open') return one(openVoting);
  if (op === 'close') return one(closeVoting);
  if (op === 'status') return one(votingStatus);
  if (op === 'paper') {
    const n = [v.satisfied, v.basic, v.dissatisfied];
    if (n.some((x) => x === undefined || !WHOLE.test(x))) return '--satisfied, --basic, --dissatisfied: 三项都要写，每项为 0 或正整数';
    return async ({ org }, deps) => {
      const r = await enterPaperCount(deps, org.id, id, cl, { 满意: Number(n[0]), 基本满意: Number(n[1]), 不满意: Number(n[2]) });
      return { ok: r.ok, lines: [r.message] };
    };
  }
  return USAGE;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: OPTIONS });
  } catch (err) {
    console.error(`${(err as Error).message.split('\n')[0]}；${USAGE}`);
    return 1;
  }
  const [op, arg, ...rest] = args.positionals;
  const work = rest.length ? USAGE : plan(op, arg, args.values);
  if (typeof work === 'string') {
    console.error(work);
    return 1;
  }
  const code = await withOrganisation(args.values.org, async (ctx) => {
    const deps: BallotDeps = { db: ctx.db, outbound: new Outbound(ctx.db, systemClock), now: systemClock.now(), voteSecret: ctx.config.voteSecret };
    const result = await work(ctx, deps);
    for (const line of result.lines) (result.ok ? console.log : console.error)(line);
    return result.ok ? 0 : 1;
  });
  return code === 0 ? 0 : 1;
}

runCli(main);
