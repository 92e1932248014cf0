import { describe, expect, it } from 'vitest';
import { unreachableLine } from '../../../../src/services/roster/messages.ts';
import { parseCsv } from '../../../../src/services/roster/read-table.ts';
import { mergePeople } from '../../../../src/services/roster/roster-plan.ts';
import { unreachablePeople } from '../../../../src/services/roster/roster-reach.ts';
import { parseRosterTable } from '../../../../src/services/roster/roster-rows.ts';
import { ROSTER_HEADER, type Channel, type ImportReport } from '../../../../src/services/roster/roster-types.ts';

const FILE = [
  '张伟,13800138000,zhangwei,,县区,,,,', // WeCom only
  '李娜,13800138001,,dt_lina,县区,,,,', // DingTalk only
  '王芳,13800138002,wangfang,dt_wangfang,县区,,,,', // both
  '赵敏,13900139000,,,工作人员,,,,', // no account at all
];

function people() {
  return mergePeople(parseRosterTable(parseCsv([ROSTER_HEADER.join(','), ...FILE].join('\n'))).rows).people;
}

const report = (unreachable: ImportReport['unreachable']) => ({ orgCode: 'county-b', unreachable }) as ImportReport;

describe('who in a roster file the bot could never reach', () => {
  it.each<[Channel[], string[] | undefined]>([
    [['wecom'], ['李娜']],
    [['dingtalk'], ['张伟']],
    [['wecom', 'dingtalk'], undefined],
    [[], ['张伟', '李娜', '王芳']],
  ])('with apps on %j: %j (someone with no account at all is never named)', (reachable, names) => {
    expect(unreachablePeople(people(), reachable)?.names).toEqual(names);
  });

  it('says who, which account to add, and that the file must be imported again', () => {
    const line = unreachableLine(report(unreachablePeople(people(), ['wecom'])));
    expect(line).toBe('以下 1 人只有钉钉账号，本组织没有接入钉钉，他们收不到机器人的消息；请在名册中补上他们的企业微信账号后重新导入：李娜');
  });

  it('an organisation with no app yet is told that adding one is enough', () => {
    expect(unreachableLine(report(unreachablePeople(people(), [])))).toBe(
      '组织 county-b 还没有接入企业微信或钉钉应用，名册中有账号的 3 人暂时收不到机器人的消息；接入应用后即可收到，不必重新导入。',
    );
  });

  it('names at most twenty people and counts the rest', () => {
    const line = unreachableLine(report({ names: Array.from({ length: 25 }, (_, i) => `代表${i + 1}`), reachable: ['wecom'] }))!;
    expect(line).toMatch(/：代表1、代表2、.*、代表20 等 25 人$/);
    expect(line).not.toContain('代表21');
  });

  it('says nothing when everyone can be reached', () => {
    expect(unreachableLine(report(undefined))).toBeUndefined();
  });
});
