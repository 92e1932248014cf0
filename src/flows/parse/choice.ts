// Answers to "which one?" and "yes or no?" as deputies type them on a phone: a digit, a
// Chinese numeral, 第二个, 选2, a lone 好 or 不 with a stray 。 or ！ at the end.
import { normalizeInput } from '../../lib/text.ts';
import { CHINESE_NUMERAL_CHARS, parseChineseNumber } from './chinese-number.ts';

export { parseChineseNumber } from './chinese-number.ts';

const NUM = `\\d+|[${CHINESE_NUMERAL_CHARS}]+`;
// 第2个, 选第二项, 我选2, 2号, (2), 2、 — a prefix, the number, an optional measure word.
const CHOICE = new RegExp(`^(?:我?选择?|要)?第?(${NUM})(?:个|项|号|条|种|位|个吧)?$`);

/** The 1-based item picked from a numbered list of `count`, or undefined if not a valid pick. */
export function parseChoice(input: string, count: number): number | undefined {
  const s = clean(input).replace(/^[(（[【]|[)）\]】、,，]$/gu, '');
  if (s === '俩') return inRange(2, count);
  const match = CHOICE.exec(s);
  if (!match) return undefined;
  return inRange(parseChineseNumber(match[1]!), count);
}

function inRange(n: number | undefined, count: number): number | undefined {
  return n !== undefined && Number.isInteger(count) && n >= 1 && n <= count ? n : undefined;
}

// "1"/"2" answer the usual "回复1确认，2取消" prompts. 取消 alone is deliberately absent:
// the flow engine treats it as "end the whole dialog", which is stronger than "no".
const YES = new Set([
  '是', '是的', '好', '好的', '确认', '确定', '对', '对的', '嗯', '可以', '行', 'ok', 'okay',
  'yes', 'y', '1', '提交', '同意', '没问题', '没错', '要',
]);
const NO = new Set([
  '否', '不', '不是', '不要', '算了', '2', '不用', '取消提交', '错', '不对', '不行', '不可以',
  '不同意', '不确认', 'no', 'n', '别', '先不', '不提交', '错了',
]);

const PARTICLES = /[啊呀吧哈啦了哦噢呢嘛]$/u;

/** 'yes', 'no', or undefined when the answer is neither (the caller asks again). */
export function parseYesNo(input: string): 'yes' | 'no' | undefined {
  // Trailing particles (好的吧, 是啊, 不了) and doubled words (嗯嗯, 好好好) carry no meaning
  // here. Particles come off one at a time so that 算了吧 stops at 算了 and not at 算.
  let s = clean(input).replace(/[,，、]/gu, '');
  for (;;) {
    for (const candidate of [s, s.replace(/^(.+?)\1+$/u, '$1')]) {
      if (YES.has(candidate)) return 'yes';
      if (NO.has(candidate)) return 'no';
    }
    if (s.length < 2 || !PARTICLES.test(s)) return undefined;
    s = s.slice(0, -1);
  }
}

// Full-width to half-width, no spaces, no trailing 。！？, lower case (OK, Ok, ok).
function clean(input: string): string {
  return normalizeInput(input).replace(/\s+/g, '').replace(/[。.!！?？~～…]+$/u, '').toLowerCase();
}
