// A calendar day typed in chat: 今天, 昨天, 12月3日, 2026-12-03 → YYYY-MM-DD (Asia/Shanghai).
import type { IsoDate } from '../../domain/calendar/working-days.ts';
import { parseIsoDate } from '../../domain/calendar/working-days.ts';
import { shanghaiIsoDate } from '../../domain/shanghai-time.ts';
import { normalizeInput } from '../../lib/text.ts';
import { parseDateTime } from '../parse/datetime.ts';

export function readDay(text: string, now: Date, preferFuture: boolean): IsoDate | undefined {
  const t = normalizeInput(text).replace(/\s+/g, '');
  const iso = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u.exec(t);
  if (iso) {
    const day = `${iso[1]}-${iso[2]!.padStart(2, '0')}-${iso[3]!.padStart(2, '0')}`;
    try {
      parseIsoDate(day);
      return day;
    } catch {
      return undefined;
    }
  }
  const parsed = parseDateTime(t, now, { preferFuture });
  return parsed.ok ? shanghaiIsoDate(parsed.date) : undefined;
}
