// The check every free-text step that needs a real reason uses (rule L1's written reason among
// them): some Chinese text or digits, not only emoji, letters or punctuation.
import { describe, expect, it } from 'vitest';
import { hasMeaningfulText } from '../../../src/lib/text.ts';

describe('hasMeaningfulText', () => {
  it.each([
    ['🙏🙏🙏🙏', false],
    ['asdfghjkl', false],
    ['ASDF qwer', false],
    ['。。。。！！', false],
    ['……', false],
    ['👍 ok', false],
    ['', false],
    ['好', false], // one character says too little
    ['有事', true],
    ['到市里参加培训，无法参加', true],
    ['家里有事🙏', true],
    ['12', true],
    ['出差 3 天', true],
    ['COVID 隔离', true],
    ['１２', true], // full-width digits
  ])('%s → %s', (text, expected) => {
    expect(hasMeaningfulText(text)).toBe(expected);
  });

  it('a higher minimum needs more of them', () => {
    expect(hasMeaningfulText('有事', 3)).toBe(false);
    expect(hasMeaningfulText('有急事', 3)).toBe(true);
  });
});
