import { describe, expect, it } from 'vitest';
import { parseChineseNumber, parseChoice, parseYesNo } from '../../../../src/flows/parse/choice.ts';

describe('parseChoice from a list of 5', () => {
  const picks: [string, number][] = [
    ['2', 2], ['２', 2], ['二', 2], ['第2个', 2], ['第二个', 2], ['第二项', 2], ['选2', 2], ['选第二个', 2],
    ['我选3', 3], ['2号', 2], ['两', 2], ['俩', 2], [' 3 ', 3], ['3。', 3], ['(4)', 4], ['4、', 4],
    ['五', 5], ['1', 1], ['第 1 个', 1],
  ];
  it.each(picks)('%s → %i', (input, want) => {
    expect(parseChoice(input, 5)).toBe(want);
  });

  const refused = ['0', '6', '第六个', '十', '', '好的', '2个人', '-1', '1.5', '二三', '第', 'abc'];
  it.each(refused)('refuses %j', (input) => {
    expect(parseChoice(input, 5)).toBeUndefined();
  });

  it('refuses everything for an empty list', () => {
    expect(parseChoice('1', 0)).toBeUndefined();
  });
});

describe('parseYesNo', () => {
  const yes = ['是', '好', '好的', '确认', '确定', '对', '嗯', '可以', '行', 'ok', 'OK', 'Ok', '1', '提交', '同意',
    '好的！', '是。', '是的', '好吧', '嗯嗯', '好好好', '可以了', '对的', '没问题', 'ｏｋ', ' 确认 '];
  it.each(yes)('%j is yes', (input) => {
    expect(parseYesNo(input)).toBe('yes');
  });

  const no = ['否', '不', '不是', '不要', '算了', '2', '不用', '取消提交', '错', '不对', '不行', '算了吧', '不了',
    '不用了', '不是。', '不！', 'no', '不提交'];
  it.each(no)('%j is no', (input) => {
    expect(parseYesNo(input)).toBe('no');
  });

  // 取消 is the engine's "end the dialog" word, not a plain no.
  const neither = ['', '取消', '也许', '3', '好不好', '我再想想', '是不是', '明天'];
  it.each(neither)('%j is neither', (input) => {
    expect(parseYesNo(input)).toBeUndefined();
  });
});

describe('parseChineseNumber', () => {
  const numbers: [string, number][] = [
    ['0', 0], ['7', 7], ['２０２６', 2026], ['9999', 9999], ['零', 0], ['一', 1], ['两', 2], ['十', 10],
    ['十二', 12], ['二十', 20], ['三十一', 31], ['一百', 100], ['一百零五', 105], ['一百一十', 110],
    ['一百五', 150], ['两百', 200], ['两千', 2000], ['两千五', 2500], ['一千零一十', 1010],
    ['九千九百九十九', 9999], ['二〇二六', 2026], ['五十', 50],
  ];
  it.each(numbers)('%s → %i', (input, want) => {
    expect(parseChineseNumber(input)).toBe(want);
  });

  const refused = ['', '一万', '10000', '百', '十百', '零十', '三三百', '1.5', '-3', '2千', 'abc', '一二三四五'];
  it.each(refused)('refuses %j', (input) => {
    expect(parseChineseNumber(input)).toBeUndefined();
  });
});
