// npm run activity -- create … | list [--unit NAME] | cancel ID   (details: --help)
// The office staff's command line for activities, and a contract other tools call: create
// prints the new id alone on its last line. Exit codes: 0 done; 1 refused or failed (no such
// activity, already cancelled or ended, database problem); 2 the command line is wrong, one
// line per problem, including a unit or --org that does not exist.
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { ACTIVITY_KINDS, type ActivityKind } from '../src/domain/activity-kinds.ts';
import { formatLocal, localParts } from '../src/domain/time.ts';
import { AppError, errorMessage } from '../src/lib/errors.ts';
import { ACTIVITY_STATUS, type ActivityListItem, type ActivityView } from '../src/repositories/activity-repo.ts';
import { createLogger } from '../src/lib/logger.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { connectDb, type Db } from '../src/repositories/prisma.ts';
import {
  ACTIVITY_USAGE,
  argMessages,
  fieldFlag,
  formatProblems,
  isHelpRequest,
  parseActivityArgs,
  type ActivityCommand,
  type ParsedActivityArgs,
  type Problem,
} from '../src/services/activity-args.ts';
import {
  cancelActivity,
  createActivity,
  findOrganisation,
  listActivities,
  resolveUnit,
  type ActivityIssue,
} from '../src/services/activity-service.ts';

interface Ctx {
  db: Db;
  config: Config;
  now: Date;
  tz: string;
}

const out = {
  created: (a: ActivityListItem, tz: string) =>
    `已安排活动：${a.unit.name} ${kindWord(a.kind)}「${a.title}」${span(a, tz)}，地点 ${a.place}，邀请 ${a.inviteeCount} 人`,
  listHeader: (org: string, from: Date, n: number, unit: string | undefined, tz: string) =>
    `${org}${unit ? ` ${unit}` : ''}：${formatLocal(from, tz)} 以后结束的活动` + (n > 0 ? `共 ${n} 个` : '：没有'),
  listLine: (a: ActivityListItem, ctx: Ctx) =>
    [a.id, span(a, ctx.tz), a.unit.name, kindWord(a.kind), a.title, a.place, statusWord(a, ctx.now), `邀请 ${a.inviteeCount} 人`]
      .join('  '),
  cancelled: (a: ActivityView, tz: string) => `已取消活动 ${a.id}：${a.unit.name} ${kindWord(a.kind)}「${a.title}」${span(a, tz)}`,
  orgFromConfig: (message: string, code: string) => `${message}（ORG_CODE=${code}，也可用 --org 指定）`,
  failed: (detail: string) => `操作失败：${detail}`,
};

function kindWord(kind: string): string {
  return ACTIVITY_KINDS[kind as ActivityKind] ?? kind;
}

/** `2026-12-05 14:30–17:00`, or both full times when it spans days. */
function span(a: { startAt: Date; endAt: Date }, tz: string): string {
  const start = formatLocal(a.startAt, tz);
  const end = formatLocal(a.endAt, tz);
  const s = localParts(a.startAt, tz);
  const e = localParts(a.endAt, tz);
  const sameDay = s.year === e.year && s.month === e.month && s.day === e.day;
  return `${start}–${sameDay ? end.slice(11) : end}`;
}

function statusWord(a: ActivityView, now: Date): string {
  if (a.status === ACTIVITY_STATUS.cancelled) return '已取消';
  if (now < a.startAt) return '未开始';
  return now <= a.endAt ? '进行中' : '已结束';
}

function printProblems(problems: Problem[]): number {
  for (const line of formatProblems(problems)) console.error(line);
  console.error(argMessages.hint);
  return 2;
}

const issueProblem = (i: ActivityIssue): Problem => ({ flag: fieldFlag(i.field), message: i.message });

async function main(argv: string[]): Promise<number> {
  if (isHelpRequest(argv)) {
    console.log(ACTIVITY_USAGE);
    return 0;
  }
  try {
    const config = loadConfig();
    const now = new Date();
    const tz = config.businessTimeZone;
    const parsed = parseActivityArgs(argv, { timeZone: tz, now });
    if (parsed.ok && parsed.help) return 0; // isHelpRequest above already answered it
    // Problems that need no database are reported without touching it.
    if (!parsed.ok && parsed.unitName === undefined) return printProblems(parsed.problems);
    await migrateDatabase(config.databaseUrl);
    const db = await connectDb(config.databaseUrl);
    try {
      return await run(parsed, { db, config, now, tz });
    } finally {
      await db.$disconnect();
    }
  } catch (err) {
    const shown = err instanceof ConfigError || (err instanceof AppError && err.expose);
    console.error(shown ? errorMessage(err) : out.failed(errorMessage(err)));
    return 1;
  }
}

async function run(parsed: Exclude<ParsedActivityArgs, { help: true }>, ctx: Ctx): Promise<number> {
  if (!parsed.ok) return reportBadArgs(parsed, ctx);
  const command = parsed.command;
  const orgCode = command.name === 'create' ? command.args.orgCode : command.orgCode;
  const org = await findOrganisation(ctx.db, orgCode ?? ctx.config.orgCode);
  if (!org.ok) {
    if (orgCode !== undefined) return printProblems([issueProblem(org.issue)]);
    console.error(out.orgFromConfig(org.issue.message, ctx.config.orgCode));
    return 1;
  }
  const o = { id: org.org.id, label: `${org.org.name}（${org.org.code}）` };
  if (command.name === 'create') return create(command, o.id, ctx);
  if (command.name === 'list') return list(command, o, ctx);
  return cancel(command, o.id, ctx);
}

/** Adds the unit (and organisation) problems to the others, so all come in one answer. */
async function reportBadArgs(parsed: Extract<ParsedActivityArgs, { ok: false }>, ctx: Ctx): Promise<number> {
  const problems = [...parsed.problems];
  if (parsed.unitName !== undefined && !problems.some((p) => p.flag === '--org')) {
    const org = await findOrganisation(ctx.db, parsed.orgCode ?? ctx.config.orgCode);
    const unit = org.ok ? await resolveUnit(ctx.db, org.org.id, { name: parsed.unitName }) : org;
    if (!unit.ok) problems.push(issueProblem(unit.issue));
  }
  return printProblems(problems);
}

async function create(command: Extract<ActivityCommand, { name: 'create' }>, orgId: number, ctx: Ctx): Promise<number> {
  const { unitName, orgCode: _org, ...fields } = command.args;
  // A notice due at once (published late) is written to the outbox before this exits, so the
  // running bot's outbox worker sends it within a second: "已立即发出" is true from here too.
  const clock = { now: () => ctx.now };
  const sendDue = async () => {
    // Loaded only when needed: every other command starts as fast as before.
    const { sendDueNotices } = await import('../src/services/notices/send-due-notices.ts');
    const { Outbound } = await import('../src/services/outbound.ts');
    await sendDueNotices({ db: ctx.db, clock, outbound: new Outbound(ctx.db, clock), logger: createLogger('warn', process.stderr) });
  };
  const result = await createActivity(ctx.db, { ...fields, orgId, unit: { name: unitName }, now: ctx.now, onDueNow: sendDue });
  if (!result.ok) return printProblems(result.issues.map(issueProblem));
  console.log(out.created(result.activity, ctx.tz));
  if (result.lateNotice) console.log(result.lateNotice);
  // The contract: the id alone on the last line.
  console.log(String(result.activity.id));
  return 0;
}

async function list(
  command: Extract<ActivityCommand, { name: 'list' }>,
  org: { id: number; label: string },
  ctx: Ctx,
): Promise<number> {
  const unit = command.unitName === undefined ? undefined : { name: command.unitName };
  const result = await listActivities(ctx.db, { orgId: org.id, unit, now: ctx.now });
  if (!result.ok) return printProblems(result.issues.map(issueProblem));
  console.log(out.listHeader(org.label, result.from, result.activities.length, result.unit?.name, ctx.tz));
  for (const a of result.activities) console.log(out.listLine(a, ctx));
  return 0;
}

async function cancel(command: Extract<ActivityCommand, { name: 'cancel' }>, orgId: number, ctx: Ctx): Promise<number> {
  const result = await cancelActivity(ctx.db, { orgId, id: command.id, now: ctx.now });
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(out.cancelled(result.activity, ctx.tz));
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
