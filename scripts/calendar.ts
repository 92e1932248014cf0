// npm run calendar -- add DATE holiday|workday [NAME] | remove DATE | list YEAR  [--org CODE]
// The office's corrections to the holiday calendar (rule R4 counts working days on it): the
// next year's 调休 notice comes out after chinese-days ships, and is sometimes changed.
// Exit codes: 0 done; 1 nothing to remove; 2 the command line itself is wrong.
import { parseArgs } from 'node:util';
import { toIsoDate, type CalendarOverride } from '../src/domain/calendar/working-days.ts';
import { daysInMonth, isoWeekday } from '../src/domain/shanghai-time.ts';
import { listOverrides, removeOverride, upsertOverride } from '../src/repositories/calendar-repo.ts';
import type { Db } from '../src/repositories/prisma.ts';
import { loadCalendar } from '../src/services/calendar-service.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run calendar -- add DATE holiday|workday [NAME] | remove DATE | list YEAR [--org CODE]';
const KIND_LABEL = { holiday: '放假', workday: '上班' } as const;

type Command = { op: 'add'; override: CalendarOverride } | { op: 'remove'; date: string } | { op: 'list'; year: number };

/** The command, or one line saying what is wrong (in Chinese, with the reason). */
function parseCommand(p: string[]): Command | string {
  const [op, a, b, name, ...extra] = p;
  if (op === 'add' && a && b && extra.length === 0) {
    const date = checkDate(a);
    if ('error' in date) return date.error;
    if (b !== 'holiday' && b !== 'workday') return `类型「${b}」不对：只能是 holiday（放假）或 workday（上班）`;
    return { op, override: { date: date.date, kind: b, ...(name?.trim() ? { name: name.trim() } : {}) } };
  }
  if (op === 'remove' && a && !b) {
    const date = checkDate(a);
    return 'error' in date ? date.error : { op, date: date.date };
  }
  if (op === 'list' && a && !b) {
    return /^\d{4}$/.test(a) && Number(a) >= 1900 ? { op, year: Number(a) } : `YEAR: 「${a}」不是年份，请写四位数字，如 2027`;
  }
  return USAGE;
}

/** The normalised date, or one line saying why it is refused. */
function checkDate(text: string): { date: string } | { error: string } {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) return { error: `DATE: 「${text}」格式不对，请写 YYYY-MM-DD，如 2027-01-01` };
  const [year, month, day] = m.slice(1).map(Number) as [number, number, number];
  if (year < 1900) return { error: `DATE: ${text} 的年份太早` };
  if (month < 1 || month > 12) return { error: `DATE: ${text} 不存在：月份应为 1–12` };
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) return { error: `DATE: ${text} 不存在：${year} 年 ${month} 月只有 ${last} 天` };
  return { date: toIsoDate({ year, month, day }) };
}

async function list(db: Db, orgId: number, year: number): Promise<string[]> {
  const calendar = await loadCalendar(db, orgId);
  const overrides = await listOverrides(db, orgId, year);
  const lines: string[] = [];
  for (let month = 1; month <= 12; month++) {
    for (let day = 1; day <= daysInMonth(year, month); day++) {
      const civil = { year, month, day };
      const { value: info } = calendar.dayInfo(toIsoDate(civil));
      // Overrides always show (the admin may want to remove them); package days only when they
      // change the plain Monday–Friday week, so a holiday's weekend days are left out.
      const differs = info.working !== isoWeekday(civil) <= 5;
      if (info.source === 'weekday' || (info.source === 'holiday-data' && !differs)) continue;
      const source = info.source === 'override' ? '本单位调整' : '法定安排';
      lines.push(`${info.date} ${KIND_LABEL[info.working ? 'workday' : 'holiday']} ${info.name ?? '—'} ${source}`);
    }
  }
  if (calendar.coveredYears.includes(year)) lines.push(`${year} 年有内置的节假日数据（法定安排）。`);
  else if (overrides.length > 0) lines.push(`${year} 年没有内置的节假日数据，以上仅为本单位录入的调整。`);
  else lines.push(`${year} 年没有内置的节假日数据，也没有本单位录入的调整，暂按周末休息计算。`);
  return lines;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { org: { type: 'string' } } });
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  const command = parseCommand(args.positionals);
  if (typeof command === 'string') {
    console.error(command);
    return 2;
  }
  return withOrganisation(args.values.org, async ({ db, org }) => {
    if (command.op === 'list') {
      for (const line of await list(db, org.id, command.year)) console.log(line);
      return 0;
    }
    if (command.op === 'add') {
      const o = command.override;
      await upsertOverride(db, org.id, o);
      console.log(`已将 ${o.date} 设为${KIND_LABEL[o.kind]}${o.name ? `（${o.name}）` : ''}，本单位调整。`);
      return 0;
    }
    const removed = await removeOverride(db, org.id, command.date);
    (removed ? console.log : console.error)(removed ? `已删除 ${command.date} 的本单位调整。` : `${command.date} 没有本单位调整，无需删除。`);
    return removed ? 0 : 1;
  });
}

runCli(main);
