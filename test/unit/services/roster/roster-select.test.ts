import { describe, expect, it } from 'vitest';
import { formatRowError } from '../../../../src/services/roster/messages.ts';
import { parseCsv } from '../../../../src/services/roster/read-table.ts';
import { mergePeople } from '../../../../src/services/roster/roster-plan.ts';
import { parseRosterTable } from '../../../../src/services/roster/roster-rows.ts';
import { selectPeople, type ExistingAccount } from '../../../../src/services/roster/roster-select.ts';
import { ROSTER_HEADER } from '../../../../src/services/roster/roster-types.ts';

function select(lines: string[], existing: ExistingAccount[] = []) {
  const parsed = parseRosterTable(parseCsv([ROSTER_HEADER.join(','), ...lines].join('\n')));
  const merged = mergePeople(parsed.rows);
  const s = selectPeople(merged.people, [...parsed.errors, ...merged.errors], existing);
  return { apply: s.apply.map((p) => p.name), skipped: s.skipped.map((p) => p.name), errors: s.errors.map(formatRowError) };
}

const zhang = (mobile = '13800000009', name = '张伟'): ExistingAccount => ({ channel: 'wecom', platformUserId: 'zhangwei', mobile, name });

describe('who is imported', () => {
  it('a person with one bad row is skipped entirely', () => {
    const s = select(['张伟,13800138000,,,县区,第一组,组长,,', '张伟,13800138000,,,区级,,,,', '李娜,13800138001,,,县区,,,,']);
    expect(s.apply).toEqual(['李娜']);
    expect(s.skipped).toEqual(['张伟']);
    expect(s.errors).toEqual(['第 3 行：代表层级「区级」应为 乡镇/县区/市/省/全国/工作人员 之一']);
  });

  it('a row whose phone is unreadable skips the person of the same name', () => {
    const s = select(['张伟,13800138000,,,县区,,,,', '张伟,1380013,,,市,,,,', '李娜,13800138001,,,县区,,,,']);
    expect(s.apply).toEqual(['李娜']);
    expect(s.skipped).toEqual(['张伟']);
  });

  it('errors come back in row order', () => {
    const s = select(['张伟,13800138000,,,县区,,,,', '张玮,13800138000,,,县区,,,,', '李娜,138,,,县区,,,,']);
    expect(s.errors.map((e) => e.slice(0, 6))).toEqual(['第 3 行：', '第 4 行：']);
  });
});

describe('accounts already in the database', () => {
  it('a WeCom account owned by someone outside the file is a conflict', () => {
    const s = select(['李娜,13800138001,zhangwei,,县区,,,,'], [zhang()]);
    expect(s.apply).toEqual([]);
    expect(s.errors).toEqual([
      '第 2 行：企业微信账号「zhangwei」已属于系统中的「张伟」（13800000009），此人不在本名册中；一个账号只能对应一个人，请先核对',
    ]);
  });

  it('no conflict when the owner is in the file and gives the account up', () => {
    const s = select(['李娜,13800138001,zhangwei,,县区,,,,', '张伟,13800000009,zw2,,县区,,,,'], [zhang()]);
    expect(s.errors).toEqual([]);
    expect(s.apply.sort()).toEqual(['李娜', '张伟'].sort());
  });

  it('no conflict when the account stays with its owner', () => {
    expect(select(['张伟,13800000009,zhangwei,,县区,,,,'], [zhang()]).errors).toEqual([]);
  });

  it('an owner skipped for a bad row keeps the account, so the taker is skipped too', () => {
    const s = select(['李娜,13800138001,zhangwei,,县区,,,,', '张伟,13800000009,zw2,,区级,,,,', '王芳,13800138002,,,县区,,,,'], [zhang()]);
    expect(s.apply).toEqual(['王芳']);
    expect(s.errors).toEqual([
      '第 2 行：企业微信账号「zhangwei」已属于系统中的「张伟」（13800000009），而此人因有错误本次不更新；一个账号只能对应一个人，请先核对',
      '第 3 行：代表层级「区级」应为 乡镇/县区/市/省/全国/工作人员 之一',
    ]);
  });
});
