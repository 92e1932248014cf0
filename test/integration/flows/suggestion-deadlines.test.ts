// Suggestion deadlines in chat and on the scheduler (rules S1, S2, S6): reminders before each
// deadline to whoever must act, once across ticks and caught up after downtime; the weekly
// overdue list; an extension asked by the department and approved (or declined) by the office,
// one of at most a month; what 我的建议 and 建议列表 show; the last-quarter target reminder.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFlowBot, type FlowBot } from '../../helpers/flow-bot.ts';
import { addDepartments, annualTargetsOn, coverYear, importHandler, submitSuggestion } from '../../helpers/suggestions.ts';

let fb: FlowBot;
beforeEach(async () => {
  fb = await startFlowBot(); // Monday 2026-11-23 10:00 Shanghai
  await addDepartments(fb, '县住建局', '县交通运输局');
  await importHandler(fb, { name: '李科长', mobile: '13900000301', wecom: 'likezhang', department: '县住建局' });
  await coverYear(fb, 2027);
});
afterEach(() => fb.stop());

const OFFICE = ['hejing', 'lvming', 'shijia'];
const say = (user: string, text: string) => fb.chat.say(user, text);
const textsTo = (user: string) => fb.chat.all().filter((m) => m.to.includes(user) && m.text).map((m) => m.text!);
const reminders = () => fb.chat.all().filter((m) => m.text?.startsWith('提醒：以下'));
const overdueLists = () => fb.chat.all().filter((m) => m.text?.includes('逾期的建议'));
const at = async (iso: string) => {
  fb.clock.set(iso);
  await fb.t.bot.workers!.scheduler.runOnce();
  await fb.chat.settle();
};

describe('reminders before the deadlines (rule S1)', () => {
  it('rule S1: assignment — to office staff 3 days before (moved off the weekend) and on the day, each once', async () => {
    await submitSuggestion(fb); // deadline Tue 2026-12-08
    await at('2026-12-03T02:00:00Z'); // Thu: not yet
    await at('2026-12-04T00:30:00Z'); // Fri 08:30: not yet
    expect(reminders()).toHaveLength(0);
    await at('2026-12-04T01:00:00Z'); // Fri 09:00: 12-05 is a Saturday, so the Friday before
    await at('2026-12-04T05:00:00Z');
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.to.sort()).toEqual(OFFICE);
    expect(reminders()[0]!.text).toBe('提醒：以下 1 件建议临近办理期限：\n2026-建-0001“关于增设城关镇公交站点的建议”交办期限 2026年12月8日（还有 4 天）\n交办请发送“交办 编号 部门名称”，登记答复请发送“答复 编号”。');
    await at('2026-12-08T01:00:00Z');
    await at('2026-12-08T03:00:00Z');
    expect(reminders()).toHaveLength(2);
    expect(reminders()[1]!.text).toContain('交办期限 2026年12月8日（今天到期）');
    expect(textsTo('lichunmei').filter((t) => t.startsWith('提醒'))).toHaveLength(0);
  });

  it('rule S1: a reminder missed while the bot was down is sent when it comes back, if the deadline is still ahead', async () => {
    await submitSuggestion(fb);
    await fb.restart();
    await at('2026-12-07T02:00:00Z'); // Mon 10:00, after three days down
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain('（还有 1 天）');
    await fb.restart();
    await at('2026-12-07T03:00:00Z');
    expect(reminders()).toHaveLength(1);
  });

  it('rule S1: no reminder for a deadline that no longer applies (assigned meanwhile)', async () => {
    await submitSuggestion(fb);
    await say('hejing', '交办 2026-建-0001 县住建局');
    await at('2026-12-04T02:00:00Z');
    await at('2026-12-08T02:00:00Z');
    expect(reminders()).toHaveLength(0);
    expect(await fb.t.bot.db.suggestionReminder.count({ where: { kind: { startsWith: 'assign' }, status: 'skipped' } })).toBe(2);
  });

  it('rule S1: the answer deadline — the department\'s handler and the office are reminded a week before', async () => {
    await submitSuggestion(fb);
    await say('hejing', '交办 2026-建-0001 县住建局'); // answer due Tue 2027-02-23
    await at('2027-02-15T02:00:00Z');
    expect(reminders()).toHaveLength(0);
    await at('2027-02-16T01:00:00Z');
    const sent = reminders();
    expect(sent).toHaveLength(2);
    expect(sent.map((m) => m.to.sort().join(',')).sort()).toEqual([OFFICE.join(','), 'likezhang']);
    const handler = sent.find((m) => m.to.includes('likezhang'))!;
    expect(handler.text).toContain('答复期限 2027年2月23日（还有 7 天）');
    expect(handler.text).toContain('答复后请发送“答复 编号”；需要延期请发送“延期 编号”。');
  });
});

describe('the weekly overdue list (rule S1)', () => {
  it('rule S1: office staff get the overdue suggestions on Monday from 09:00, once a week; a missed Monday is caught up', async () => {
    await submitSuggestion(fb); // assignment due 2026-12-08
    await at('2026-12-14T00:59:00Z'); // Mon 08:59
    expect(overdueLists()).toHaveLength(0);
    await at('2026-12-14T02:00:00Z'); // Mon 10:00
    await at('2026-12-15T02:00:00Z');
    expect(overdueLists()).toHaveLength(1);
    expect(overdueLists()[0]!.to.sort()).toEqual(OFFICE);
    expect(overdueLists()[0]!.text).toBe('截至 2026年12月14日，逾期的建议 1 件：\n2026-建-0001  提交  —  交办期限 2026-12-08  李春梅  关于增设城关镇公交站点的建议  逾期 6 天');
    await fb.restart();
    await at('2026-12-22T02:00:00Z'); // the next Monday was missed: Tuesday sends it
    expect(overdueLists()).toHaveLength(2);
    expect(overdueLists()[1]!.text).toContain('逾期 14 天');
  });
});

describe('延期 (rule S1)', () => {
  it('rule S1: the handler asks, the office approves; a second extension, or one past a month, is refused', async () => {
    await submitSuggestion(fb);
    await say('hejing', '交办 2026-建-0001 县住建局'); // answer due 2027-02-23
    expect(await say('likezhang', '延期 2026-建-0001')).toContain('现在的答复期限是 2027年2月23日');
    expect(await say('likezhang', '2027-04-01')).toBe('延期不能超过 1 个月，最晚只能延至 2027年3月23日。');
    expect(await say('likezhang', '2027年3月20日')).toContain('请说明延期的理由');
    expect(await say('likezhang', '需等待明年财政预算批复')).toBe('已为 2026-建-0001 申请延期至 2027年3月22日，等待县人大常委会代表联络工委批准，批准后会通知您。');
    expect(textsTo('hejing').at(-1)).toBe('县住建局申请将建议 2026-建-0001 的答复期限延至 2027年3月22日（理由：需等待明年财政预算批复）。批准请发送“延期 2026-建-0001”。');
    expect(await say('hejing', '延期 2026-建-0001')).toBe('县住建局申请将 2026-建-0001 的答复期限延至 2027年3月22日（理由：需等待明年财政预算批复）。批准请回复“是”，不批准请回复“否”。');
    expect(await say('hejing', '是')).toBe('2026-建-0001 已延期，答复期限改为 2027年3月22日。');
    expect(textsTo('lichunmei').at(-1)).toBe('您的建议 2026-建-0001 经批准延期办理，答复期限改为 2027年3月22日。');
    expect(textsTo('likezhang').at(-1)).toBe('建议 2026-建-0001 的延期已批准，答复期限改为 2027年3月22日。');
    expect(await fb.t.bot.db.suggestion.findFirstOrThrow()).toMatchObject({ answerDeadline: '2027-03-22', extensions: 1 });
    expect(await say('hejing', '延期 2026-建-0001')).toBe('这条建议已经延期过 1 次，按规定不能再延期。');
    expect(await say('likezhang', '延期 2026-建-0001')).toBe('这条建议已经延期过 1 次，按规定不能再延期。');
    // The reminders follow the new deadline; those of the old one are skipped.
    await at('2027-02-16T02:00:00Z');
    expect(reminders()).toHaveLength(0);
    await at('2027-03-15T02:00:00Z');
    expect(reminders().map((m) => m.text).every((t) => t!.includes('2027年3月22日'))).toBe(true);
    expect(reminders()).toHaveLength(2);
  });

  it('rule S1: the office may decline a request; the department keeps its deadline and is told', async () => {
    await submitSuggestion(fb);
    await say('hejing', '交办 2026-建-0001 县住建局');
    await say('likezhang', '延期 2026-建-0001');
    await say('likezhang', '2027-03-01');
    await say('likezhang', '需要协调多个部门');
    await say('lvming', '延期 2026-建-0001');
    expect(await say('lvming', '否')).toBe('没有批准 2026-建-0001 的延期申请，已告知承办单位按原期限答复。');
    expect(textsTo('likezhang').at(-1)).toBe('建议 2026-建-0001 的延期申请没有获批，请在原答复期限 2027年2月23日 前答复。');
    expect(await fb.t.bot.db.suggestion.findFirstOrThrow()).toMatchObject({ answerDeadline: '2027-02-23', extensions: 0 });
  });
});

describe('我的建议 and 建议列表 (rules S1, S2, S6)', () => {
  it('rule S6: the deputy sees status, deadline, answer and this year\'s count; the office the list with the share of 面商', async () => {
    await annualTargetsOn(fb);
    await submitSuggestion(fb);
    await submitSuggestion(fb, 'lichunmei', '关于幸福村路灯维修的建议');
    await say('hejing', '交办 2026-建-0001 县住建局');
    await say('hejing', '交办 2026-建-0002 县交通运输局');
    await say('likezhang', '面商 2026-建-0001');
    await say('likezhang', '今天');
    await say('likezhang', '县住建局三楼会议室');
    await say('likezhang', '县住建局李科长、代表李春梅');
    await say('likezhang', '答复 2026-建-0001');
    await say('likezhang', '电话');
    await say('likezhang', '已将东环路两个站点纳入明年公交线网调整计划。');
    await say('likezhang', '完成');
    await say('likezhang', '是');
    expect(await say('lichunmei', '我的建议')).toBe([
      '2026 年您在系统中已提建议 2 件（年度目标 1 件，已完成）。您的建议、批评和意见（最近 10 条）：',
      '2026-建-0002 关于幸福村路灯维修的建议',
      '  状态：交办（县交通运输局），答复期限 2027年2月23日',
      '2026-建-0001 关于增设城关镇公交站点的建议',
      '  状态：已答复（县住建局）',
      '  答复（电话，2026年11月23日）：已将东环路两个站点纳入明年公交线网调整计划；请在答复卡片上评价',
    ].join('\n'));
    const list = await say('hejing', '建议列表');
    expect(list.split('\n')).toEqual([
      '建议共 2 件，逾期的排在前面：',
      '2026-建-0002 关于幸福村路灯维修的建议（李春梅，交办，县交通运输局，答复期限 2027年2月23日）',
      '2026-建-0001 关于增设城关镇公交站点的建议（李春梅，已答复，县住建局）',
      '',
      '按状态：交办 1，已答复 1。',
      '今年已交办 2 件，其中面商 1 件（面商率 50%）。',
      '今年尚未达到年度目标的：代表 19 人，代表小组 2 个。',
      '办理：交办 / 登记 / 退回 / 合并 / 答复 / 面商 / 延期 / 办结 + 编号，例如“交办 2026-建-0007 县住建局”。',
    ]);
    expect(await say('likezhang', '建议列表')).toBe('建议共 1 件，逾期的排在前面：\n2026-建-0001 关于增设城关镇公交站点的建议（李春梅，已答复，县住建局）\n办理：签收 / 面商 / 答复 / 延期 + 编号，例如“答复 2026-建-0007”。');
    expect(await say('lichunmei', '建议列表')).toBe('“建议列表”供人大工作人员和承办单位经办人使用；您提交的建议请发送“我的建议”查看。');
    expect(await say('hejing', '建议列表 办结')).toBe('没有“办结”的建议。');
  });

  it('rule S6: in the last quarter deputies and groups with none are reminded once', async () => {
    await annualTargetsOn(fb);
    await submitSuggestion(fb, 'hanxuesong'); // 第三代表小组 now has one
    await at('2026-11-23T03:00:00Z');
    await at('2026-11-24T03:00:00Z');
    const deputies = fb.chat.all().filter((m) => m.text?.includes('系统中还没有您今年提出的建议'));
    expect(deputies).toHaveLength(1);
    expect(deputies[0]!.text).toBe('2026 年已进入第四季度，系统中还没有您今年提出的建议、批评和意见（年度目标 1 件）。发送“提建议”即可提交；已通过其他途径提出的，请忽略本提醒。');
    expect(deputies[0]!.to).toContain('lichunmei');
    expect(deputies[0]!.to).not.toContain('hanxuesong');
    expect(deputies[0]!.to).not.toContain('hejing');
    expect(deputies[0]!.to).toHaveLength(19);
    const groups = fb.chat.all().filter((m) => m.text?.includes('今年的调研报告或代表建议'));
    expect(groups.map((g) => g.text!.match(/系统中还没有(第.代表小组)今年/)![1]).sort()).toEqual(['第一代表小组', '第二代表小组']);
    expect(groups.find((g) => g.text!.includes('第一代表小组'))!.to.sort()).toEqual(['qianxiuying', 'zhaowenhua']);
  });
});
