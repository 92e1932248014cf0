// npm run calendar -- add DATE holiday|workday [NAME] | remove DATE | list YEAR  [--org CODE]
// The office's corrections to the holiday calendar (rule R4 counts working days on it): the
// next year's 调休 notice comes out after chinese-days ships, and is sometimes changed.
// Exit codes: 0 done; 1 nothing to remove; 2 the command line itself is wrong.
import { parseArgs } from 'node:util';
import type { CalendarOverride } from '../src/domain/calendar/working-days.ts';
import type { Db } from '../src/repositories/prisma.ts';
import { calendarYear, checkCalendarDate, OVERRIDE_KIND_LABEL as KIND_LABEL, removeCalendarOverride, setCalendarOverride } from '../src/services/calendar-year.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run calendar -- add DATE holiday|workday [NAME] | remove DATE | list YEAR [--org CODE]';

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

function checkDate(text: string): { date: string } | { error: string } {
  const checked = checkCalendarDate(text);
  return 'error' in checked ? { error: `DATE: ${checked.error}` } : checked;
}

async function list(db: Db, orgId: number, year: number): Promise<string[]> {
  const { days, coverage } = await calendarYear(db, orgId, year);
  const lines = days.map((d) => `${d.date} ${KIND_LABEL[d.working ? 'workday' : 'holiday']} ${d.name ?? '—'} ${d.source === 'override' ? '本单位调整' : '法定安排'}`);
  if (coverage === 'data') lines.push(`${year} 年有内置的节假日数据（法定安排）。`);
  else if (coverage === 'overrides') lines.push(`${year} 年没有内置的节假日数据，以上仅为本单位录入的调整。`);
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
    const result = command.op === 'add'
      ? await setCalendarOverride(db, org.id, command.override)
      : await removeCalendarOverride(db, org.id, command.date);
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  });
}

runCli(main);
