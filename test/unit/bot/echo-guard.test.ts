// The net under group answers (rule R6): an answer that would repeat the words of the message it
// answers — a long digit run anywhere in it, or the whole message when it is not a short word.
import { describe, expect, it } from 'vitest';
import { repeatsTyped } from '../../../src/bot/echo-guard.ts';

describe('repeatsTyped', () => {
  it('catches a phone number or any run of five digits or more, wherever it sits', () => {
    expect(repeatsTyped('我还不会处理“13987654321”。', '13987654321')).toBe(true);
    expect(repeatsTyped('没有“张三 13987654321”', '代签 张三 13987654321')).toBe(true);
    expect(repeatsTyped('参加人员里没有１３９８７６５４３２１', '13987654321')).toBe(true); // full-width digits
    expect(repeatsTyped('编号 2026-建-0001', '12345')).toBe(false);
  });

  it('catches a whole message of five characters or more repeated verbatim', () => {
    expect(repeatsTyped('标题：关于增设公交站点的建议', '关于增设公交站点的建议')).toBe(true);
    expect(repeatsTyped('我还不会处理“王大妈 反映”', '王大妈  反映')).toBe(true);
  });

  it('lets the bot\'s own words through: command words and short answers', () => {
    expect(repeatsTyped('「请假」为活动请假（书面说明事由）', '请假')).toBe(false);
    expect(repeatsTyped('请回复“是”或“否”。', '是')).toBe(false);
    expect(repeatsTyped('“学习代表法”签到情况：', '签到情况')).toBe(false);
    expect(repeatsTyped('任何回答', undefined)).toBe(false);
  });
});
