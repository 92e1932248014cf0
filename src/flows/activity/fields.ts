// Reading the typed fields of an activity, shared by 发布活动 and 修改活动 (rule A1 kinds;
// Chinese dates through parseDateTime). Each returns the value or one sentence to say back.
import { ACTIVITY_KINDS, parseActivityKind, type ActivityKind } from '../../domain/activity-kinds.ts';
import { normalizeInput } from '../../lib/text.ts';
import { checkActivityFields, type ActivityFields } from '../../services/activity-service.ts';
import { parseChoice } from '../parse/choice.ts';
import { formatDateTime, formatTime, parseDateTime } from '../parse/datetime.ts';
import { extractWords } from '../parse/datetime-words.ts';
import { activityFlowMessages as m, NONE_WORDS } from './messages.ts';

type Read<T> = { ok: true; value: T } | { ok: false; message: string };

export const KIND_CODES = Object.keys(ACTIVITY_KINDS) as ActivityKind[];
export const kindList = () => KIND_CODES.map((k, i) => `${i + 1}. ${ACTIVITY_KINDS[k]}`).join('\n');

export function readKind(text: string): Read<ActivityKind> {
  const index = parseChoice(text, KIND_CODES.length);
  const kind = index !== undefined ? KIND_CODES[index - 1] : parseActivityKind(text);
  return kind ? { ok: true, value: kind } : { ok: false, message: m.badKind(KIND_CODES.length) };
}

/** A text field checked like the service will check it (title 1–60, place 1–100, content ≤ 2000). */
export function readText(field: 'title' | 'place' | 'content', raw: string): Read<string> {
  const value = field === 'content' && NONE_WORDS.has(normalizeInput(raw)) ? '' : raw.trim();
  const issue = checkActivityFields({ [field]: value } as ActivityFields)[0];
  return issue ? { ok: false, message: `${issue.message}，请重新输入。` } : { ok: true, value };
}

/** The start: a day and a time, in the future. */
export function readStart(raw: string, now: Date): Read<Date> {
  const parsed = parseDateTime(raw, now);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (!parsed.hasTime) return { ok: false, message: m.needTime };
  if (parsed.date.getTime() <= now.getTime()) return { ok: false, message: m.startPassed(parsed.text) };
  return { ok: true, value: parsed.date };
}

/** The end: a time alone is on the start's day ("16:30"); with a day it is read as said. */
export function readEnd(raw: string, start: Date, now: Date): Read<Date> {
  const words = extractWords(normalizeInput(raw));
  const timeOnly = words.dates.length === 0 && words.weeks.length === 0;
  const parsed = parseDateTime(raw, timeOnly ? start : now);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  if (!parsed.hasTime) return { ok: false, message: m.needEndTime };
  if (parsed.date.getTime() <= start.getTime()) return { ok: false, message: m.endNotAfterStart(formatDateTime(start)) };
  return { ok: true, value: parsed.date };
}

/** "11月24日（周二）14:00–16:30", or both dates when it runs over days. */
export function formatSpan(start: Date, end: Date): string {
  const sameDay = formatDateTime(start).slice(0, -5) === formatDateTime(end).slice(0, -5);
  return `${formatDateTime(start)}–${sameDay ? formatTime(end) : formatDateTime(end)}`;
}
