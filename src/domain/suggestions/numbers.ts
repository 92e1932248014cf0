// Registration numbers as people type them: 2026-建-0007, or loosely 2026建7, ２０２６－建－７.
import { normalizeInput } from '../../lib/text.ts';

const NUMBER = /^(\d{4})\s*[-－—–]?\s*([建批意议])\s*[-－—–]?\s*(\d{1,4})$/u;

/** The canonical number (2026-建-0007), or undefined when the text is not one. */
export function parseRecordNumber(text: string): string | undefined {
  const m = NUMBER.exec(normalizeInput(text));
  if (!m) return undefined;
  const seq = Number(m[3]);
  return seq > 0 ? `${m[1]}-${m[2]}-${String(seq).padStart(4, '0')}` : undefined;
}

/** Splits "2026-建-0007 县住建局 协办 …" into the number and the rest. */
export function splitNumber(args: string): { number?: string; rest: string } {
  const text = normalizeInput(args);
  const m = /^(\d{4}\s*[-－—–]?\s*[建批意议]\s*[-－—–]?\s*\d{1,4})(?:\s+(.*))?$/u.exec(text);
  if (!m) return { rest: text };
  return { number: parseRecordNumber(m[1]!), rest: (m[2] ?? '').trim() };
}
