// Near-miss commands: one sound or look away (请加 → 请假) or one edit away for longer names.
import { describe, expect, it } from 'vitest';
import { nearMiss, type CommandWord } from '../../../src/bot/near-miss.ts';
import { similarChar } from '../../../src/bot/similar-chars.ts';

const WORDS: CommandWord[] = [
  ...['请假', '我要请假', '请个假'].map((word) => ({ word, command: '请假' })),
  ...['签到', '我要签到', '报到'].map((word) => ({ word, command: '签到' })),
  ...['提建议', '建议', '意见', '提意见'].map((word) => ({ word, command: '提建议' })),
  { word: '发布活动', command: '发布活动' },
  { word: '交办', command: '交办' },
  { word: '我的信息', command: '我的信息' },
  { word: '我的建议', command: '我的建议' },
  { word: '帮助', command: '帮助' },
  { word: 'help', command: '帮助' },
];

describe('nearMiss', () => {
  it.each([
    ['请加', '请假'],
    ['请价', '请假'],
    ['情假', '请假'],
    ['签道', '签到'],
    ['签倒', '签到'],
    ['提意建', '提建议'], // two swapped characters
    ['提建意', '提建议'],
    ['我要请家', '请假'],
    ['请假吧', '请假'],
    ['发布活东', '发布活动'],
    ['发部活动', '发布活动'],
    ['发布活', '发布活动'], // one character short
    ['帮主', '帮助'],
    ['我的信心', '我的信息'],
    ['交般 2026-建-0001', '交办 2026-建-0001'],
  ])('%s → 您是要「%s」吗？', (typed, meant) => {
    expect(nearMiss(typed, WORDS)).toBe(meant);
  });

  it.each([
    '请问', // one character simply wrong in two is another word
    '你们',
    '天气预报',
    '13987654321',
    '好',
    'hlep',
    '今天下午开会吗',
    '我的', // both 我的信息 and 我的建议 are two edits away, and equally near
  ])('%s → no guess', (typed) => {
    expect(nearMiss(typed, WORDS)).toBeUndefined();
  });

  it('two commands equally near: no guess', () => {
    expect(nearMiss('我的建息', WORDS)).toBeUndefined(); // 我的信息 and 我的建议, one change each
  });

  it('the character table is symmetric within a group and knows the typos of the issue', () => {
    expect(similarChar('加', '假')).toBe(true);
    expect(similarChar('假', '加')).toBe(true);
    expect(similarChar('道', '到')).toBe(true);
    expect(similarChar('问', '假')).toBe(false);
  });
});
