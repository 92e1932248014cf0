// A message that is almost a command (请加, 签道, 发布活东 12): the command it most likely
// means, by an edit distance over characters where a character people type for another (same
// sound, same look: similar-chars.ts) costs half. Short names need that half at most (two
// characters with one simply wrong are another word: 请问 is not 请假); longer ones allow one
// edit. Two different commands equally near: no guess.
import { normalizeInput } from '../lib/text.ts';
import { similarChar } from './similar-chars.ts';

export interface CommandWord {
  /** A name or alias as typed (请假, 我要请假). */
  word: string;
  /** The command it belongs to, as it is suggested (请假). */
  command: string;
}

const HAN = /\p{Script=Han}/u;
const PARTICLES = /[了吧啊呀呢嘛哦噢哈啦]+$/u;

/** "请假" or "交办 2026-建-0001" when the text is one edit or one sound away from a command. */
export function nearMiss(text: string, words: CommandWord[]): string | undefined {
  const input = normalizeInput(text);
  const space = input.indexOf(' ');
  const head = (space < 0 ? input : input.slice(0, space)).replace(PARTICLES, '');
  const args = space < 0 ? '' : input.slice(space + 1).trim();
  const typed = [...head];
  if (typed.length < 2 || typed.length > 8 || !HAN.test(head)) return undefined;
  let best: { cost: number; command: string } | undefined;
  let tie = false;
  for (const { word, command } of words) {
    const meant = [...word];
    if (!HAN.test(word) || Math.abs(meant.length - typed.length) > 1) continue;
    const cost = distance(typed, meant);
    if (cost > (meant.length <= 2 ? 0.5 : 1)) continue;
    if (!best || cost < best.cost) [best, tie] = [{ cost, command }, false];
    else if (cost === best.cost && command !== best.command) tie = true;
  }
  if (!best || tie) return undefined;
  return args ? `${best.command} ${args}` : best.command;
}

/** Damerau–Levenshtein, a look-alike or sound-alike substitution costing 0.5. */
function distance(a: string[], b: string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const sub = a[i - 1] === b[j - 1] ? 0 : similarChar(a[i - 1]!, b[j - 1]!) ? 0.5 : 1;
      let cost = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + sub);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, d[i - 2]![j - 2]! + 1);
      d[i]![j] = cost;
    }
  }
  return d[a.length]![b.length]!;
}
