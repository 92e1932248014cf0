// Pure: the `npm run activity` command line (create / list / cancel). Every problem becomes
// one line naming its flag, and all problems are reported at once; the ones that need the
// database (--unit, --org) are added by scripts/activity.ts. Field rules come from
// activity-service.ts so the bot and the command line refuse the same things.
import { ACTIVITY_KINDS } from '../domain/activity-kinds.ts';
import { BUSINESS_TIME_ZONE, parseLocalDateTime } from '../domain/time.ts';
import { checkActivityFields, LIST_DAYS_BACK, type ActivityField } from './activity-service.ts';

export interface Problem {
  /** The flag (or ID) the problem is about; none for the command line as a whole. */
  flag?: string;
  message: string;
}

export interface CreateArgs {
  orgCode?: string;
  unitName: string;
  kind: string;
  title: string;
  startAt: Date;
  endAt: Date;
  place: string;
  content?: string;
  signInCode?: string;
}

export type ActivityCommand =
  | { name: 'create'; args: CreateArgs }
  | { name: 'list'; orgCode?: string; unitName?: string }
  | { name: 'cancel'; orgCode?: string; id: number };

export type ParsedActivityArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; command: ActivityCommand }
  /** orgCode and unitName, when given, still let the caller check them against the database. */
  | { ok: false; problems: Problem[]; orgCode?: string; unitName?: string };

export interface ParseOptions {
  /** Zone of the typed times: config.businessTimeZone (default Asia/Shanghai). */
  timeZone?: string;
  /** With a clock, an activity whose end has passed is refused here too. */
  now?: Date;
}

const FLAGS = {
  create: ['--org', '--unit', '--kind', '--title', '--start', '--end', '--place', '--content', '--code'],
  list: ['--org', '--unit'],
  cancel: ['--org'],
} as const;
type CommandName = keyof typeof FLAGS;
const REQUIRED_FOR_CREATE = ['--unit', '--kind', '--title', '--start', '--end', '--place'] as const;
/** Order of the lines: as in the usage line. */
export const PROBLEM_ORDER = [...FLAGS.create, 'ID'];
const FIELD_FLAG: Record<ActivityField, string> = {
  id: 'ID',
  org: '--org',
  unit: '--unit',
  kind: '--kind',
  title: '--title',
  startAt: '--start',
  endAt: '--end',
  place: '--place',
  content: '--content',
  signInCode: '--code',
};
/** Same rule as ORG_CODE in src/config.ts. */
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function fieldFlag(field: ActivityField): string {
  return FIELD_FLAG[field];
}

export function isHelpRequest(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).some((a) => a === '-h' || a === '--help');
}

export function parseActivityArgs(argv: string[], options: ParseOptions = {}): ParsedActivityArgs {
  if (isHelpRequest(argv)) return { ok: true, help: true };
  const [name, ...rest] = argv;
  if (name === undefined) return { ok: false, problems: [{ message: m.missingCommand }] };
  if (!(name in FLAGS)) return { ok: false, problems: [{ message: m.unknownCommand(name) }] };
  const command = name as CommandName;
  const read = readFlags(rest, command);
  const v = read.values;
  const problems = [...read.problems, ...checkCommon(v)];
  const refs = { orgCode: v['--org'], unitName: v['--unit'] || undefined };
  if (command === 'cancel') return finishCancel(read.positionals, problems, refs.orgCode);
  problems.push(...read.positionals.map((p) => ({ message: m.extra(p) })));
  if (command === 'list') {
    if (problems.length > 0) return { ok: false, problems, ...refs };
    return { ok: true, help: false, command: { name: 'list', ...refs } };
  }
  const args = readCreate(v, problems, options);
  if (!args || problems.length > 0) return { ok: false, problems, ...refs };
  return { ok: true, help: false, command: { name: 'create', args } };
}

interface ReadFlags {
  values: Partial<Record<string, string>>;
  positionals: string[];
  problems: Problem[];
}

/** `--flag value` or `--flag=value`; after `--` everything is positional. */
function readFlags(argv: string[], command: CommandName): ReadFlags {
  const out: ReadFlags = { values: {}, positionals: [], problems: [] };
  const allowed: readonly string[] = FLAGS[command];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      out.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    let value = eq < 0 ? undefined : arg.slice(eq + 1);
    if (value === undefined && argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i];
    if (!allowed.includes(flag)) out.problems.push({ flag, message: m.unknownFlag(command, allowed) });
    else if (value === undefined) out.problems.push({ flag, message: m.missingValue });
    else if (out.values[flag] !== undefined) out.problems.push({ flag, message: m.repeated });
    else out.values[flag] = value;
  }
  return out;
}

function checkCommon(v: ReadFlags['values']): Problem[] {
  const problems: Problem[] = [];
  const org = v['--org'];
  if (org !== undefined && !ORG_CODE.test(org)) problems.push({ flag: '--org', message: m.badOrgCode(org) });
  if (v['--unit'] !== undefined && v['--unit'].trim() === '') problems.push({ flag: '--unit', message: m.emptyUnit });
  return problems;
}

function finishCancel(positionals: string[], problems: Problem[], orgCode?: string): ParsedActivityArgs {
  const [idText, ...extra] = positionals;
  if (idText === undefined) problems.push({ flag: 'ID', message: m.missingId });
  else if (!/^[1-9]\d{0,9}$/.test(idText)) problems.push({ flag: 'ID', message: m.badId(idText) });
  problems.push(...extra.map((p) => ({ message: m.extra(p) })));
  if (problems.length > 0 || idText === undefined) return { ok: false, problems, orgCode };
  return { ok: true, help: false, command: { name: 'cancel', orgCode, id: Number(idText) } };
}

/** The create fields, or undefined; every problem found is appended to `problems`. */
function readCreate(v: ReadFlags['values'], problems: Problem[], options: ParseOptions): CreateArgs | undefined {
  for (const flag of REQUIRED_FOR_CREATE) {
    if (v[flag] === undefined && !problems.some((p) => p.flag === flag)) problems.push({ flag, message: m.required });
  }
  const startAt = readTime(v, '--start', problems, options.timeZone);
  const endAt = readTime(v, '--end', problems, options.timeZone);
  const fields = {
    kind: v['--kind'],
    title: v['--title'],
    startAt,
    endAt,
    place: v['--place'],
    content: v['--content'],
    signInCode: v['--code'],
  };
  for (const issue of checkActivityFields(fields, options.now)) {
    problems.push({ flag: FIELD_FLAG[issue.field], message: issue.message });
  }
  const { kind, title, place } = fields;
  const unitName = v['--unit'];
  if (unitName === undefined || kind === undefined || title === undefined || place === undefined) return undefined;
  if (!startAt || !endAt) return undefined;
  return { ...fields, orgCode: v['--org'], unitName, kind, title, place, startAt, endAt };
}

function readTime(
  v: ReadFlags['values'],
  flag: string,
  problems: Problem[],
  timeZone = BUSINESS_TIME_ZONE,
): Date | undefined {
  const text = v[flag];
  if (text === undefined) return undefined;
  const parsed = parseLocalDateTime(text, timeZone);
  if (parsed.ok) return parsed.date;
  problems.push({ flag, message: parsed.message });
  return undefined;
}

/** One line per problem, in usage order: `--start: …`. */
export function formatProblems(problems: Problem[]): string[] {
  const rank = (p: Problem) => (p.flag === undefined ? -1 : PROBLEM_ORDER.indexOf(p.flag));
  return [...problems].sort((a, b) => rank(a) - rank(b)).map((p) => (p.flag ? `${p.flag}: ${p.message}` : p.message));
}

const KIND_HELP = Object.entries(ACTIVITY_KINDS).map(([code, word]) => `${word}(${code})`).join(' ');

/** Every sentence this command line shows about its own arguments, in one place. */
export const argMessages = {
  missingCommand: '缺少子命令：应为 create、list 或 cancel',
  unknownCommand: (name: string) => `未知子命令「${name}」：应为 create、list 或 cancel`,
  unknownFlag: (command: string, allowed: readonly string[]) => `未知参数；${command} 可用的参数是 ${allowed.join(' ')}`,
  missingValue: '后面缺少取值',
  repeated: '只能给一次',
  required: '缺少此参数（必填）',
  emptyUnit: '单位名称不能为空',
  badOrgCode: (code: string) => `组织代码「${code}」无效：只能是 1–32 位小写字母、数字或短横线`,
  extra: (arg: string) => `多余的参数「${arg}」`,
  missingId: '缺少活动编号，例如 npm run activity -- cancel 12',
  badId: (text: string) => `「${text}」不是活动编号（应为正整数）`,
  hint: '用法：npm run activity -- --help',
};
const m = argMessages;

export const ACTIVITY_USAGE = [
  '用法：',
  '  npm run activity -- create --unit 单位 --kind 类型 --title 标题 --start "YYYY-MM-DD HH:mm" --end "YYYY-MM-DD HH:mm" --place 地点 [--content 内容] [--code 签到码]',
  '  npm run activity -- list [--unit 单位]',
  '  npm run activity -- cancel 活动编号',
  '  每个子命令都可加 --org 组织代码（默认为 ORG_CODE）。',
  '时间按 TZ_BUSINESS 时区（默认 Asia/Shanghai）的钟点填写，列表也按这个时区显示。',
  'create  安排一次活动，邀请该单位此刻的全部成员；成功时最后一行只有新活动的编号。',
  `        类型：${KIND_HELP}`,
  '        标题 1–60 字，地点 1–100 字，内容最多 2000 字，签到码 2–12 位英文字母或数字；结束时间已过的活动不能安排。',
  `list    列出 ${LIST_DAYS_BACK} 天前以来结束的活动和以后的全部活动（含已取消的），按开始时间排序。`,
  'cancel  取消一次尚未结束的活动。',
  '退出码：0 成功；1 操作被拒绝或失败；2 命令行有误（每个问题一行）。',
].join('\n');
