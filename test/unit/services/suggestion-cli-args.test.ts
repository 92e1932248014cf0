// The command line's words (rules S1–S3): every subcommand parses to its command, every bad
// input to one line.
import { describe, expect, it } from 'vitest';
import { parseSuggestionArgs } from '../../../src/services/suggestions/cli-args.ts';

const ok = (...argv: string[]) => {
  const r = parseSuggestionArgs(argv);
  if (!r.ok) throw new Error(r.message);
  return r;
};
const bad = (...argv: string[]) => {
  const r = parseSuggestionArgs(argv);
  if (r.ok) throw new Error('parsed');
  expect(r.message.split('\n')).toHaveLength(1);
  return r.message;
};

describe('npm run suggestion arguments', () => {
  it('parses each subcommand', () => {
    expect(ok('list', '--status', '办理中,交办', '--overdue').command).toEqual({ name: 'list', statuses: ['in_progress', 'assigned'], overdue: true });
    expect(ok('assign', '2026建7', '--department', '县住建局', '--co', '县交通运输局，县财政局').command).toEqual({ name: 'assign', number: '2026-建-0007', lead: '县住建局', co: ['县交通运输局', '县财政局'] });
    expect(ok('answer', '2026-建-0007', '--form', '电话', '--text', '已答复').command).toMatchObject({ name: 'answer', form: '电话' });
    expect(ok('register', '2026-建-0007', '--session-closed', '2027-01-14').command).toEqual({ name: 'register', number: '2026-建-0007', sessionClosedOn: '2027-01-14' });
    expect(ok('extend', '2026-建-0007').command).toEqual({ name: 'extend', number: '2026-建-0007', until: undefined, reason: undefined });
    expect(ok('merge', '2026-建-0008', '--into', '2026-建-0007').command).toEqual({ name: 'merge', number: '2026-建-0008', into: '2026-建-0007' });
    expect(ok('talk', '2026-建-0007', '--date', '2026-12-01', '--place', '会议室', '--with', '李科长').command).toMatchObject({ heldOn: '2026-12-01', participants: '李科长' });
    expect(ok('report', '--year', '2026', '--org', 'x', '--by', '何静')).toMatchObject({ command: { name: 'report', year: 2026 }, orgCode: 'x', by: '何静' });
  });

  it('says what is wrong in one line', () => {
    expect(bad('list', '--status', '完了')).toMatch(/^--status: 「完了」不是状态/);
    expect(bad('assign', '2026-建-0007')).toBe('--department: 缺少这个选项');
    expect(bad('return', '2026-建-0007')).toBe('--reason: 缺少这个选项');
    expect(bad('close')).toBe('NUMBER: 缺少建议编号（例如 2026-建-0007）');
    expect(bad('extend', '2026-建-0007', '--until', '2026-13-01')).toBe('--until: 「2026-13-01」不是存在的日期（格式 YYYY-MM-DD）');
    expect(bad('report', '--year', '26')).toBe('--year: 「26」不是年份');
    expect(bad('merge', '2026-建-0008', '--into', 'x')).toBe('--into: 「x」不是建议编号（例如 2026-建-0007）');
    expect(bad()).toMatch(/^usage: npm run suggestion --/);
  });
});
