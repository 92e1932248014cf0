// The `npm run activity` command line: every problem is one line naming its flag, all at once.
import { describe, expect, it } from 'vitest';
import {
  formatProblems,
  parseActivityArgs,
  type ParseOptions,
} from '../../../src/services/activity-args.ts';

const NOW = new Date('2026-12-01T02:00:00Z'); // 2026-12-01 10:00 in Shanghai
const GOOD = [
  'create',
  '--unit', '第一代表小组',
  '--kind', '学习',
  '--title', '学习代表法',
  '--start', '2026-12-05 14:30',
  '--end', '2026-12-05 17:00',
  '--place', '县人大常委会三楼会议室',
];

/** The lines the CLI would print (without the final hint line). */
function lines(argv: string[], options: ParseOptions = { now: NOW }): string[] {
  const r = parseActivityArgs(argv, options);
  if (r.ok) return [];
  return formatProblems(r.problems);
}

function without(flag: string): string[] {
  const i = GOOD.indexOf(flag);
  return [...GOOD.slice(0, i), ...GOOD.slice(i + 2)];
}

function replaced(flag: string, value: string): string[] {
  return GOOD.map((a, i) => (GOOD[i - 1] === flag ? value : a));
}

function withTimes(start: string, end: string): string[] {
  return replaced('--start', start).map((a, i, all) => (all[i - 1] === '--end' ? end : a));
}

describe('create: good command lines', () => {
  it('reads every flag, times as Asia/Shanghai wall-clock time', () => {
    const r = parseActivityArgs([...GOOD, '--content', '学习代表法第四章', '--code=AB12', '--org=demo'], { now: NOW });
    expect(r).toEqual({
      ok: true,
      help: false,
      command: {
        name: 'create',
        args: {
          orgCode: 'demo',
          unitName: '第一代表小组',
          kind: '学习',
          title: '学习代表法',
          startAt: new Date('2026-12-05T06:30:00Z'),
          endAt: new Date('2026-12-05T09:00:00Z'),
          place: '县人大常委会三楼会议室',
          content: '学习代表法第四章',
          signInCode: 'AB12',
        },
      },
    });
  });

  it('rule A1: accepts a kind by code or by its Chinese word', () => {
    expect(parseActivityArgs(replaced('--kind', 'inspection'))).toMatchObject({ ok: true });
    expect(parseActivityArgs(replaced('--kind', '执法检查'))).toMatchObject({ ok: true });
  });

  it('reads the times in the configured zone', () => {
    const r = parseActivityArgs(GOOD, { timeZone: 'Asia/Tokyo' });
    expect(r.ok && !r.help && r.command.name === 'create' && r.command.args.startAt.toISOString()).toBe('2026-12-05T05:30:00.000Z');
  });
});

describe('create: one line for each bad argument', () => {
  it('rule A1: an unknown kind lists the kinds', () => {
    expect(lines(replaced('--kind', '开会'))).toEqual([
      '--kind: 「开会」不是活动类型；请用 学习、视察、调研、执法检查、走访座谈、接待选民、述职、经验交流、培训、会议 之一',
    ]);
  });

  it('times that do not exist or are badly written', () => {
    expect(lines(replaced('--start', '2026-02-30 14:00'))).toEqual(['--start: 2026-02-30 不是存在的日期（2026 年 2 月只有 28 天）']);
    expect(lines(replaced('--end', '2026-12-05 25:00'))).toEqual(['--end: 25:00 不是有效的时刻（小时应为 00–23，分钟应为 00–59）']);
    expect(lines(replaced('--start', '12月5日'))).toEqual(['--start: 「12月5日」格式不对：应为 YYYY-MM-DD HH:mm，例如 2026-12-05 14:30']);
  });

  it('the end must come after the start, and must not have passed', () => {
    expect(lines(replaced('--end', '2026-12-05 14:30'))).toEqual(['--end: 结束时间必须晚于开始时间']);
    expect(lines(withTimes('2026-11-30 09:00', '2026-12-01 09:59'))).toEqual(['--end: 结束时间已过：不能安排已经结束的活动']);
    // Started but not ended (now is 10:00): it may still be recorded.
    expect(lines(withTimes('2026-12-01 09:00', '2026-12-01 11:00'))).toEqual([]);
  });

  it('text lengths and the sign-in code', () => {
    expect(lines(replaced('--title', ' '))).toEqual(['--title: 标题不能为空']);
    expect(lines(replaced('--title', '学'.repeat(61)))).toEqual(['--title: 标题有 61 个字，最多 60 个字']);
    expect(lines(replaced('--title', '学'.repeat(60)))).toEqual([]);
    expect(lines(replaced('--place', ''))).toEqual(['--place: 地点不能为空']);
    expect(lines(replaced('--place', '地'.repeat(101)))).toEqual(['--place: 地点有 101 个字，最多 100 个字']);
    expect(lines([...GOOD, '--content', '文'.repeat(2001)])).toEqual(['--content: 内容有 2001 个字，最多 2000 个字']);
    expect(lines([...GOOD, '--content', ''])).toEqual([]);
    expect(lines([...GOOD, '--code', 'A'])).toEqual(['--code: 签到码「A」应为 2–12 位英文字母或数字']);
    expect(lines([...GOOD, '--code', '签到码'])).toEqual(['--code: 签到码「签到码」应为 2–12 位英文字母或数字']);
    expect(lines([...GOOD, '--code', 'ABCDEFGHIJKLM'])).toHaveLength(1);
  });

  it('missing, repeated, valueless and unknown flags', () => {
    for (const flag of ['--unit', '--kind', '--title', '--start', '--end', '--place']) {
      expect(lines(without(flag))).toEqual([`${flag}: 缺少此参数（必填）`]);
    }
    expect(lines([...GOOD, '--title', '又一个'])).toEqual(['--title: 只能给一次']);
    expect(lines([...GOOD, '--content'])).toEqual(['--content: 后面缺少取值']);
    expect(lines([...without('--title'), '--title', '--code', 'AB'])).toEqual(['--title: 后面缺少取值']);
    expect(lines([...GOOD, '--colour', 'red'])).toEqual([
      '--colour: 未知参数；create 可用的参数是 --org --unit --kind --title --start --end --place --content --code',
    ]);
    expect(lines(replaced('--unit', ' '))).toEqual(['--unit: 单位名称不能为空']);
    expect(lines([...GOOD, '--org', 'Bad_Code'])).toEqual(['--org: 组织代码「Bad_Code」无效：只能是 1–32 位小写字母、数字或短横线']);
    expect(lines([...GOOD, '学习'])).toEqual(['多余的参数「学习」']);
  });

  it('reports every problem at once, in usage order, one line each', () => {
    const argv = ['create', '--place', '', '--kind', '开会', '--start', '2026-02-30 14:00', '--end', '2026-12-05 25:00', '--code', 'x', '--unit', '第九小组'];
    const r = parseActivityArgs(argv, { now: NOW });
    expect(r).toMatchObject({ ok: false, unitName: '第九小组' });
    const out = lines(argv);
    expect(out.map((l) => l.split(':')[0])).toEqual(['--kind', '--title', '--start', '--end', '--place', '--code']);
    expect(out.every((l) => !l.includes('\n'))).toBe(true);
  });
});

describe('list and cancel', () => {
  it('list takes --unit and --org only', () => {
    expect(parseActivityArgs(['list'])).toEqual({ ok: true, help: false, command: { name: 'list' } });
    expect(parseActivityArgs(['list', '--unit', '第二代表小组', '--org', 'demo'])).toEqual({
      ok: true,
      help: false,
      command: { name: 'list', unitName: '第二代表小组', orgCode: 'demo' },
    });
    expect(lines(['list', '--title', 'x'])).toEqual(['--title: 未知参数；list 可用的参数是 --org --unit']);
    expect(lines(['list', 'all'])).toEqual(['多余的参数「all」']);
  });

  it('cancel takes one activity id', () => {
    expect(parseActivityArgs(['cancel', '12'])).toEqual({ ok: true, help: false, command: { name: 'cancel', id: 12 } });
    expect(parseActivityArgs(['cancel', '--org', 'demo', '12'])).toMatchObject({ ok: true, command: { orgCode: 'demo', id: 12 } });
    expect(lines(['cancel'])).toEqual(['ID: 缺少活动编号，例如 npm run activity -- cancel 12']);
    for (const id of ['abc', '0', '-1', '1.5', '12345678901']) {
      expect(lines(['cancel', id])).toEqual([`ID: 「${id}」不是活动编号（应为正整数）`]);
    }
    expect(lines(['cancel', '12', '13'])).toEqual(['多余的参数「13」']);
  });

  it('a missing or unknown subcommand', () => {
    expect(lines([])).toEqual(['缺少子命令：应为 create、list 或 cancel']);
    expect(lines(['delete', '12'])).toEqual(['未知子命令「delete」：应为 create、list 或 cancel']);
  });

  it('--help anywhere before -- asks for the usage', () => {
    expect(parseActivityArgs(['--help'])).toEqual({ ok: true, help: true });
    expect(parseActivityArgs(['create', '-h'])).toEqual({ ok: true, help: true });
  });
});
