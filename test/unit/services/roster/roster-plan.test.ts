import { describe, expect, it } from 'vitest';
import { formatRowError } from '../../../../src/services/roster/messages.ts';
import { parseCsv } from '../../../../src/services/roster/read-table.ts';
import { mergePeople } from '../../../../src/services/roster/roster-plan.ts';
import { parseRosterTable } from '../../../../src/services/roster/roster-rows.ts';
import { ROSTER_HEADER } from '../../../../src/services/roster/roster-types.ts';

function merge(...lines: string[]) {
  const parsed = parseRosterTable(parseCsv([ROSTER_HEADER.join(','), ...lines].join('\n')));
  expect(parsed.errors).toEqual([]);
  const merged = mergePeople(parsed.rows);
  return { people: merged.people, errors: merged.errors.map(formatRowError), raw: merged.errors };
}

describe('merging a person’s rows', () => {
  it('rule U1: a dual-level deputy (双重身份) gets both levels in the fixed order', () => {
    const { people, errors } = merge(
      '周海涛,13800000105,zhouhaitao,,市,第一代表小组,成员,城关站,成员',
      '周海涛,13800000105,,,乡镇,,,城关站,成员',
      '周海涛,13800000105,zhouhaitao,,县区,,,,',
    );
    expect(errors).toEqual([]);
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({
      levels: ['乡镇', '县区', '市'],
      isStaff: false,
      accounts: { wecom: { id: 'zhouhaitao', rowNumber: 2 } },
      rowNumbers: [2, 3, 4],
      memberships: [
        { kind: 'group', name: '第一代表小组', role: 'member' },
        { kind: 'station', name: '城关站', role: 'member' },
      ],
    });
  });

  it('rule U5: one person can hold roles in several units over several rows', () => {
    const { people } = merge('施佳,13900000203,shijia,,工作人员,,,,', '施佳,13900000203,,,工作人员,,,城关站,联络员');
    expect(people[0]).toMatchObject({
      levels: [],
      isStaff: true,
      memberships: [
        { kind: 'office', role: 'staff' },
        { kind: 'station', name: '城关站', role: 'liaison' },
      ],
    });
  });

  it('a deputy who is also staff keeps the level and is marked staff', () => {
    const { people } = merge('李娜,13800000001,,,乡镇,,,,', '李娜,13800000001,,,工作人员,,,,');
    expect(people[0]).toMatchObject({ levels: ['乡镇'], isStaff: true });
  });
});

describe('conflicts between rows', () => {
  it('the same phone with two different names', () => {
    const { errors, raw } = merge('张伟,13800138000,,,县区,,,,', '张玮,13800138000,,,县区,,,,');
    expect(errors).toEqual(['第 3 行：手机号 13800138000 在第 2 行是「张伟」，这里却是「张玮」']);
    expect(raw[0]!.mobiles).toEqual(['13800138000']);
  });

  it('the same phone with two different WeCom accounts', () => {
    const { errors } = merge('张伟,13800138000,zhangwei,,县区,,,,', '张伟,13800138000,zhangwei2,,市,,,,');
    expect(errors).toEqual(['第 3 行：手机号 13800138000 在第 2 行的企业微信账号是「zhangwei」，这里却是「zhangwei2」']);
  });

  it('the same phone with two different DingTalk accounts', () => {
    const { errors } = merge('张伟,13800138000,,dt1,县区,,,,', '张伟,13800138000,,dt2,市,,,,');
    expect(errors).toEqual(['第 3 行：手机号 13800138000 在第 2 行的钉钉账号是「dt1」，这里却是「dt2」']);
  });

  it('one WeCom account on two phones (case does not matter in WeCom) marks both people bad', () => {
    const { errors, raw } = merge('张伟,13800138000,zhangwei,,县区,,,,', '张薇,13800138001,ZhangWei,,县区,,,,');
    expect(errors).toEqual(['第 3 行：企业微信账号「ZhangWei」已在第 2 行用于手机号 13800138000，一个账号只能对应一个人']);
    expect(raw[0]!.mobiles.sort()).toEqual(['13800138000', '13800138001']);
  });

  it('rules U2, U3: the same person with two roles in one unit', () => {
    const { errors } = merge('张伟,13800138000,,,县区,第一组,组长,城关站,站长', '张伟,13800138000,,,市,第一组,成员,城关站,站长');
    expect(errors).toEqual(['第 3 行：同一人在代表小组「第一组」的职务在第 2 行是「组长」，这里却是「成员」']);
  });

  it('repeating the same role in the same unit is not a conflict', () => {
    const { errors, people } = merge('张伟,13800138000,,,县区,第一组,组长,,', '张伟,13800138000,,,市,第一组,组长,,');
    expect(errors).toEqual([]);
    expect(people[0]!.memberships).toHaveLength(1);
  });

  it('each clash cites the row that gave the fact, not the person\'s first row', () => {
    const { errors } = merge(
      '张伟,13800138000,,,县区,第一组,成员,,',
      '张伟,13800138000,zhangwei,dt1,市,,,城关站,站长',
      '张伟,13800138000,zhangwei,,乡镇,,,,',
      '张伟,13800138000,zhangwei9,dt2,省,,,城关站,成员',
      '李娜,13800138001,ZHANGWEI,,县区,,,,',
    );
    expect(errors).toEqual([
      '第 5 行：手机号 13800138000 在第 3 行的企业微信账号是「zhangwei」，这里却是「zhangwei9」',
      '第 5 行：手机号 13800138000 在第 3 行的钉钉账号是「dt1」，这里却是「dt2」',
      '第 5 行：同一人在联络站「城关站」的职务在第 3 行是「站长」，这里却是「成员」',
      // The account's last row before the clash.
      '第 6 行：企业微信账号「ZHANGWEI」已在第 4 行用于手机号 13800138000，一个账号只能对应一个人',
    ]);
  });
});

describe('the optional columns across a person\'s rows (rule U1)', () => {
  it('rule U1: a person\'s rows must agree on 工作单位; a blank one says nothing', () => {
    const parsed = parseRosterTable(parseCsv([`${ROSTER_HEADER.join(',')},工作单位`,
      '周海涛,13800000105,,,县区,第一组,,,,城关镇中学', '周海涛,13800000105,,,市,第一组,,,,', '周海涛,13800000105,,,市,,,城关站,,县一中'].join('\n')));
    const merged = mergePeople(parsed.rows);
    expect(merged.people[0]!.workUnit).toBe('城关镇中学');
    expect(merged.errors.map((e) => e.reason)).toEqual(['手机号 13800000105 在第 2 行的工作单位是「城关镇中学」，这里是「县一中」，请统一']);
  });

  it('rule U1: a 工作单位 first given on a later row is cited by that row', () => {
    const parsed = parseRosterTable(parseCsv([`${ROSTER_HEADER.join(',')},工作单位`,
      '周海涛,13800000105,,,县区,第一组,,,,', '周海涛,13800000105,,,市,,,,,城关镇中学', '周海涛,13800000105,,,乡镇,,,,,县一中'].join('\n')));
    const merged = mergePeople(parsed.rows);
    expect(merged.errors.map(formatRowError)).toEqual(['第 4 行：手机号 13800000105 在第 3 行的工作单位是「城关镇中学」，这里是「县一中」，请统一']);
  });
});
