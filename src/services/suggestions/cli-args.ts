// The command line `npm run suggestion -- …` (a contract used by tools outside the repo):
// words → one command, or the one line that says what is wrong. Pure.
import { parseArgs } from 'node:util';
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { ANSWER_FORMS, parseStatus, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';
import { parseRecordNumber } from '../../domain/suggestions/numbers.ts';

export const SUGGESTION_USAGE =
  'usage: npm run suggestion -- list [--status STATUS] [--overdue] | show NUMBER | register NUMBER [--session-closed YYYY-MM-DD] | ' +
  'return NUMBER --reason TEXT | merge NUMBER --into NUMBER | assign NUMBER --department NAME [--co NAME,…] | accept NUMBER | ' +
  'talk NUMBER --date YYYY-MM-DD --place TEXT --with TEXT | extend NUMBER [--until YYYY-MM-DD] [--reason TEXT] | ' +
  'answer NUMBER --form 书面|电话|面谈 --text TEXT | close NUMBER | report [--year YYYY]   (options: --org CODE, --by NAME)';

export type SuggestionCommand =
  | { name: 'list'; statuses?: SuggestionStatus[]; overdue: boolean }
  | { name: 'report'; year?: number }
  | { name: 'show' | 'accept' | 'close'; number: string }
  | { name: 'register'; number: string; sessionClosedOn?: string }
  | { name: 'return'; number: string; reason: string }
  | { name: 'merge'; number: string; into: string }
  | { name: 'assign'; number: string; lead: string; co: string[] }
  | { name: 'talk'; number: string; heldOn: string; place: string; participants: string }
  | { name: 'extend'; number: string; until?: string; reason?: string }
  | { name: 'answer'; number: string; form: string; text: string };

export type ParsedSuggestionArgs = { ok: true; command: SuggestionCommand; orgCode?: string; by?: string } | { ok: false; message: string };

const OPTIONS = {
  status: { type: 'string' }, overdue: { type: 'boolean' }, 'session-closed': { type: 'string' }, reason: { type: 'string' },
  into: { type: 'string' }, department: { type: 'string' }, co: { type: 'string' }, date: { type: 'string' }, place: { type: 'string' },
  with: { type: 'string' }, until: { type: 'string' }, form: { type: 'string' }, text: { type: 'string' }, year: { type: 'string' },
  org: { type: 'string' }, by: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

class Problem extends Error {}

function need(values: Values, name: keyof Values): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new Problem(`--${name}: 缺少这个选项`);
  return v.trim();
}

function day(name: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) throw new RangeError();
    parseIsoDate(text);
    return text;
  } catch {
    throw new Problem(`--${name}: 「${text}」不是存在的日期（格式 YYYY-MM-DD）`);
  }
}

function recordNumber(text: string | undefined, label = 'NUMBER'): string {
  const n = text === undefined ? undefined : parseRecordNumber(text);
  if (!n) throw new Problem(text === undefined ? `${label}: 缺少建议编号（例如 2026-建-0007）` : `${label}: 「${text}」不是建议编号（例如 2026-建-0007）`);
  return n;
}

function statuses(text: string | undefined): SuggestionStatus[] | undefined {
  if (text === undefined) return undefined;
  return text.split(/[,，、]/u).map((t) => {
    const s = parseStatus(t);
    if (!s) throw new Problem(`--status: 「${t}」不是状态；请用 提交、登记、交办、办理中、已答复、已评价、办结、退回、已合并 之一`);
    return s;
  });
}

function build(sub: string | undefined, rest: string[], v: Values): SuggestionCommand {
  const number = () => recordNumber(rest[0]);
  switch (sub) {
    case 'list': return { name: 'list', statuses: statuses(v.status), overdue: v.overdue === true };
    case 'report': {
      const year = v.year === undefined ? undefined : Number(v.year);
      if (year !== undefined && !(Number.isInteger(year) && year >= 2000 && year <= 2100)) throw new Problem(`--year: 「${v.year}」不是年份`);
      return { name: 'report', year };
    }
    case 'show': case 'accept': case 'close': return { name: sub, number: number() };
    case 'register': return { name: 'register', number: number(), sessionClosedOn: day('session-closed', v['session-closed']) };
    case 'return': return { name: 'return', number: number(), reason: need(v, 'reason') };
    case 'merge': return { name: 'merge', number: number(), into: recordNumber(v.into, '--into') };
    case 'assign': return { name: 'assign', number: number(), lead: need(v, 'department'), co: (v.co ?? '').split(/[,，、]/u).map((s) => s.trim()).filter(Boolean) };
    case 'talk': return { name: 'talk', number: number(), heldOn: day('date', need(v, 'date'))!, place: need(v, 'place'), participants: need(v, 'with') };
    case 'extend': return { name: 'extend', number: number(), until: day('until', v.until), reason: v.reason };
    case 'answer': {
      const form = need(v, 'form');
      if (!(ANSWER_FORMS as readonly string[]).includes(form)) throw new Problem(`--form: 「${form}」应为 ${ANSWER_FORMS.join('、')} 之一`);
      return { name: 'answer', number: number(), form, text: need(v, 'text') };
    }
    default: throw new Problem(sub ? `「${sub}」不是子命令。${SUGGESTION_USAGE}` : SUGGESTION_USAGE);
  }
}

export function parseSuggestionArgs(argv: string[]): ParsedSuggestionArgs {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    const [sub, ...rest] = positionals;
    return { ok: true, command: build(sub, rest, values), orgCode: values.org, by: values.by };
  } catch (err) {
    const message = err instanceof Problem ? err.message : `${(err as Error).message.split('\n')[0]}。${SUGGESTION_USAGE}`;
    return { ok: false, message };
  }
}
