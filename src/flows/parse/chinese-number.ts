// Chinese numerals as people type them in chat: 十二, 二十, 三十一, 一百零五, 两千, and the
// spoken short forms 一百五 (150) and 两千五 (2500). Digit-by-digit forms without units
// (二〇二六, 一二) are read as digits, which is how years and short numbers are written.

const DIGITS: Readonly<Record<string, number>> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };

/** Characters that may appear in a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

const MAX = 9999;

/**
 * A whole number 0–9999 written in arabic digits (full-width too) or Chinese numerals;
 * undefined for anything else (mixed scripts, decimals, out of range).
 */
export function parseChineseNumber(text: string): number | undefined {
  const s = text.normalize('NFKC').trim();
  if (/^\d{1,4}$/.test(s)) return Number(s);
  if (s === '' || [...s].some((ch) => DIGITS[ch] === undefined && UNITS[ch] === undefined)) return undefined;
  const value = [...s].some((ch) => UNITS[ch] !== undefined) ? withUnits(s) : digitByDigit(s);
  return value !== undefined && value <= MAX ? value : undefined;
}

function digitByDigit(s: string): number | undefined {
  if (s.length > 4) return undefined;
  return Number([...s].map((ch) => DIGITS[ch]).join(''));
}

// Units must fall (千 > 百 > 十); 零 marks a skipped unit (一百零五). A bare 十 counts as
// 一十 (十二, 一百十). A last digit right after 百/千 without 零 is the next unit down
// (一百五 = 150), which is what people mean when they say it.
function withUnits(s: string): number | undefined {
  let total = 0;
  let pending: number | undefined;
  let lastUnit = Infinity;
  let sawZero = false;
  for (const ch of s) {
    const digit = DIGITS[ch];
    if (digit !== undefined) {
      if (pending !== undefined && pending !== 0) return undefined; // 三三百
      if (digit === 0) sawZero = true;
      pending = digit;
      continue;
    }
    const unit = UNITS[ch]!;
    if (unit >= lastUnit || pending === 0) return undefined; // 十百, 零十
    const times = pending ?? (unit === 10 ? 1 : undefined);
    if (times === undefined) return undefined; // a bare 百 or 千
    total += times * unit;
    lastUnit = unit;
    pending = undefined;
    sawZero = false;
  }
  if (pending === undefined) return total;
  const shortForm = !sawZero && lastUnit >= 100 && lastUnit !== Infinity;
  return total + (shortForm ? pending * (lastUnit / 10) : pending);
}
