// Pure: the `npm run station` command line. Like activity-args.ts, every problem becomes one
// line naming its flag and all are reported at once; the station and --org are checked
// against the database by scripts/station.ts.
import type { ReceptionRule } from '../../domain/calendar/reception-rule.ts';
import { parseIsoDate } from '../../domain/calendar/working-days.ts';

export type StationCommand =
  | { name: 'preview'; station: string; months: number; from?: string }
  | { name: 'plan'; station: string; months: number; from?: string }
  | { name: 'rule'; station: string; rule: ReceptionRule }
  | { name: 'duty'; station: string; date: string; names: string[] };

export type ParsedStationArgs = { ok: true; orgCode?: string; command: StationCommand } | { ok: false; problems: string[] };

export const STATION_USAGE = [
  'usage: npm run station -- preview STATION [--months N] [--org CODE]',
  '       npm run station -- rule STATION (--nth N --weekday D | --day N) [--on-holiday next|previous|keep] [--org CODE]',
  '       npm run station -- plan STATION [--months N] [--org CODE]',
  '       npm run station -- duty STATION YYYY-MM-DD NAME[,NAME] [--org CODE]',
].join('\n');

// --from YYYY-MM is not in the usage: it pins the first month so tests and staff checking a
// past or future month do not depend on today's date.
const FLAGS: Record<StationCommand['name'], string[]> = {
  preview: ['--org', '--months', '--from'],
  plan: ['--org', '--months', '--from'],
  rule: ['--org', '--nth', '--weekday', '--day', '--on-holiday'],
  duty: ['--org'],
};
const POSITIONALS: Record<StationCommand['name'], number> = { preview: 1, plan: 1, rule: 1, duty: 3 };
export const DEFAULT_PREVIEW_MONTHS = 6;
const MAX_MONTHS = 36;
const POLICIES = ['next', 'previous', 'keep'] as const;

export function parseStationArgs(argv: string[]): ParsedStationArgs {
  const [name, ...rest] = argv;
  if (name === undefined || !(name in FLAGS)) {
    return { ok: false, problems: [name === undefined ? '缺少子命令：应为 preview、rule、plan 或 duty' : `未知子命令「${name}」：应为 preview、rule、plan 或 duty`] };
  }
  const command = name as StationCommand['name'];
  const problems: string[] = [];
  const values: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    // A value may be negative (--nth -1), so only a known flag ends it.
    const next = rest[i + 1];
    const value = eq >= 0 ? arg.slice(eq + 1) : next !== undefined && !/^--[a-z]/.test(next) ? rest[++i] : undefined;
    if (!FLAGS[command].includes(flag)) problems.push(`${flag}: 未知参数；${command} 可用的参数是 ${FLAGS[command].filter((f) => f !== '--from').join(' ')}`);
    else if (value === undefined) problems.push(`${flag}: 缺少取值`);
    else if (values[flag] !== undefined) problems.push(`${flag}: 重复给出`);
    else values[flag] = value;
  }
  const org = values['--org'];
  if (org !== undefined && !/^[a-z0-9][a-z0-9-]{0,31}$/.test(org)) problems.push(`--org: 「${org}」不是组织代码（小写字母、数字和连字符）`);
  const [station, ...more] = positionals;
  if (!station?.trim()) problems.push('STATION: 缺少联络站名称');
  const wanted = POSITIONALS[command];
  for (const extra of more.slice(wanted - 1)) problems.push(`多余的参数「${extra}」`);

  let parsed: StationCommand | undefined;
  if (command === 'preview' || command === 'plan') {
    const months = intFlag(values, '--months', 1, MAX_MONTHS, problems) ?? DEFAULT_PREVIEW_MONTHS;
    const from = values['--from'];
    if (from !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(from)) problems.push(`--from: 「${from}」不是月份 YYYY-MM`);
    parsed = { name: command, station: station ?? '', months, ...(from ? { from } : {}) };
  } else if (command === 'rule') {
    const rule = readRule(values, problems);
    if (rule) parsed = { name: 'rule', station: station ?? '', rule };
  } else {
    const [date, list] = more;
    if (date === undefined) problems.push('DATE: 缺少日期 YYYY-MM-DD');
    else if (!isDate(date)) problems.push(`DATE: 「${date}」不是日期 YYYY-MM-DD`);
    const names = (list ?? '').split(/[,，、]/).map((n) => n.trim()).filter(Boolean);
    if (names.length === 0) problems.push('NAME: 缺少值班代表姓名（多人用逗号分隔）');
    parsed = { name: 'duty', station: station ?? '', date: date ?? '', names };
  }
  if (problems.length > 0 || !parsed) return { ok: false, problems };
  return { ok: true, ...(org ? { orgCode: org } : {}), command: parsed };
}

function readRule(values: Record<string, string>, problems: string[]): ReceptionRule | undefined {
  const policyText = values['--on-holiday'] ?? 'next';
  const policy = POLICIES.find((p) => p === policyText);
  if (!policy) problems.push(`--on-holiday: 应为 next（顺延）、previous（提前）或 keep（照常）`);
  const hasDay = values['--day'] !== undefined;
  const hasNth = values['--nth'] !== undefined || values['--weekday'] !== undefined;
  if (hasDay && hasNth) {
    problems.push('--day: 不能与 --nth/--weekday 同时使用');
    return undefined;
  }
  if (hasDay) {
    const day = intFlag(values, '--day', 1, 31, problems);
    return day !== undefined && policy ? { kind: 'day_of_month', day, onNonWorkingDay: policy } : undefined;
  }
  if (!hasNth) {
    problems.push('--nth: 需要 --nth N --weekday D（第几个星期几）或 --day N（每月几日）');
    return undefined;
  }
  const nText = values['--nth'];
  const n = nText === undefined ? undefined : ['1', '2', '3', '4', '5', '-1'].includes(nText) ? Number(nText) : NaN;
  if (n === undefined) problems.push('--nth: 缺少第几个（1–5，-1 为最后一个）');
  else if (Number.isNaN(n)) problems.push(`--nth: 「${nText}」应为 1–5 或 -1（最后一个）`);
  const weekday = values['--weekday'] === undefined ? undefined : intFlag(values, '--weekday', 1, 7, problems);
  if (values['--weekday'] === undefined) problems.push('--weekday: 缺少星期几（1=星期一 … 7=星期日）');
  if (n === undefined || Number.isNaN(n) || weekday === undefined || !policy) return undefined;
  return { kind: 'nth_weekday', n: n as 1 | 2 | 3 | 4 | 5 | -1, weekday, onNonWorkingDay: policy };
}

function intFlag(values: Record<string, string>, flag: string, min: number, max: number, problems: string[]): number | undefined {
  const text = values[flag];
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text) && Number(text) >= min && Number(text) <= max) return Number(text);
  problems.push(`${flag}: 「${text}」应为 ${min}–${max} 的整数`);
  return undefined;
}

function isDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}
