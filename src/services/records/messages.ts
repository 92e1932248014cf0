// What the performance record, the diary and the year-end summaries say (rules P1–P4, L3, L4,
// E1). User-facing Chinese; numbers come from the facts and the policy, never from here.
import type { DiaryStanding } from '../../domain/records/diary.ts';
import type { Attendance, SixOne, SixOneCode, YearFlag, YearJudgement } from '../../domain/records/performance.ts';
import { RECORD_KINDS, type RecordKind } from '../../domain/records/record-kinds.ts';

const SIX_ONE_LABEL: Record<SixOneCode, string> = {
  group_activity: '参加小组活动',
  survey: '民情调查',
  suggestion: '提出建议',
  practical: '办实事',
  contact: '联系选民',
  household: '帮扶困难户',
};

const SIX_ONE_MISSING: Record<SixOneCode, string> = {
  group_activity: '参加一次小组活动',
  survey: '开展一次民情调查（民情日记或走访选民）',
  suggestion: '提一件有质量的建议',
  practical: '为选民办一件实事',
  contact: '开展一次联系选民活动',
  household: '帮扶一户困难户',
};

const halfName = (half: 1 | 2) => (half === 1 ? '上半年' : '下半年');

const sixOneItem = (s: SixOne) => `${SIX_ONE_LABEL[s.code]} ${s.have}/${s.need}${s.met ? ' ✓' : ''}`;

export interface RecordLines {
  name: string;
  year: number;
  half: 1 | 2;
  asOf: string;
  attendance: Attendance;
  /** Rule A7: inspections and research trips attended, and how many were studied for first. */
  trips: { attended: number; studied: number };
  receptionDuties: number;
  visitorsRecorded: number;
  suggestions: number;
  motionsSigned: number;
  accountsWritten: number;
  entries: Record<RecordKind, number>;
  diary?: DiaryStanding;
  sixOnes: SixOne[];
}

export const recordText = {
  /** 我的履职 / 履职 张三: a few lines, this year and this half year against the six ones. */
  record(r: RecordLines): string {
    const half = r.sixOnes.filter((s) => s.span === 'half');
    const year = r.sixOnes.filter((s) => s.span === 'year');
    const missing = r.sixOnes.filter((s) => !s.met && s.need > 0);
    const e = r.entries;
    return [
      `${r.name} ${r.year}年履职情况（截至${r.asOf}）`,
      `参加活动：出席 ${r.attendance.present} 次，请假 ${r.attendance.leave} 次，缺席 ${r.attendance.absent} 次${r.trips.attended ? `；其中视察调研 ${r.trips.attended} 次（会前组织学习 ${r.trips.studied} 次）` : ''}`,
      `接待选民值班 ${r.receptionDuties} 次，登记来访 ${r.visitorsRecorded} 人；提出建议 ${r.suggestions} 件；联名议案 ${r.motionsSigned} 件；填写活动纪要 ${r.accountsWritten} 份`,
      `履职记录：${(Object.keys(RECORD_KINDS) as RecordKind[]).map((k) => `${RECORD_KINDS[k]} ${e[k]}`).join('，')}`,
      ...(r.diary && r.diary.monthNeed > 0 ? [`民情日记：本月 ${r.diary.month} 篇（每月至少 ${r.diary.monthNeed} 篇），今年 ${r.diary.year} 篇（全年至少 ${r.diary.yearNeed} 篇）`] : []),
      `“六个一”${halfName(r.half)}：${half.map(sixOneItem).join('，')}；全年：${year.map(sixOneItem).join('，')}`,
      missing.length
        ? `还差：${missing.map((s) => (s.span === 'half' ? `${halfName(r.half)}${SIX_ONE_MISSING[s.code]}` : SIX_ONE_MISSING[s.code])).join('、')}。做过的请发送“履职记录”或“民情日记”补记。`
        : '“六个一”都已完成。',
    ].join('\n');
  },
  notFound: (name: string) => `没有找到名为“${name}”的代表，请核对姓名。`,
  ambiguous: (name: string, tails: string[]) => `有 ${tails.length} 位名为“${name}”的代表（手机尾号 ${tails.join('、')}），请发送“履职 ${name} 手机尾号”。`,
  notAllowed: (name: string, body: string) => `您只能查看本人和您所在小组（联络站）代表的履职情况；${name}的情况请向${body}了解。`,
  notDeputy: '您不是人大代表，没有履职记录。要查看代表的履职情况，请发送“履职 姓名”。',
};

const FLAG_TEXT: Record<YearFlag, (j: YearJudgement, diaryNeed: number, diaryHave: number) => string> = {
  not_excellent: (j) => `不参加小组活动 ${j.missedGroupActivities} 次（缺席 ${j.groupAbsences}，请假 ${j.groupLeaves}），不能评为本年度优秀代表`,
  no_annual_report: () => '未提交书面述职报告',
  diary_short: (_j, need, have) => `民情日记 ${have} 篇，少于全年 ${need} 篇`,
};

export const summaryText = {
  title: (year: number, count: number) => `${year}年代表履职汇总（${count} 人），已存入各代表履职档案：`,
  line: (name: string, a: Attendance, suggestions: number, practical: number, diary: number | undefined, report: boolean) =>
    `· ${name}：出席 ${a.present}、请假 ${a.leave}、缺席 ${a.absent}；建议 ${suggestions}；办实事 ${practical}${diary === undefined ? '' : `；民情日记 ${diary}`}；书面述职${report ? '已交' : '未交'}`,
  flags: (flags: YearFlag[], j: YearJudgement, diaryNeed: number, diaryHave: number) => `  ⚠ ${flags.map((f) => FLAG_TEXT[f](j, diaryNeed, diaryHave)).join('；')}`,
  /** Rule L4: office staff only; the bot decides nothing. */
  sessionWarning: (name: string, count: number, titles: string[]) =>
    `提醒：${name}已连续 ${count} 次未经批准不出席代表大会会议（${titles.join('、')}）。请核实请假审批情况，并按程序处理（机器人不作任何决定）。`,
};

export const diaryText = {
  saved: (month: number, year: number, s: DiaryStanding) =>
    `民情日记已记下。${month}月 ${s.month} 篇${s.monthNeed > 0 ? `（每月至少 ${s.monthNeed} 篇）` : ''}，${year}年 ${s.year} 篇${s.yearNeed > 0 ? `（全年至少 ${s.yearNeed} 篇）` : ''}。`,
  reminder: (month: number, have: number, need: number) =>
    `${month}月您的民情日记已记 ${have} 篇，每月至少 ${need} 篇，还差 ${need - have} 篇。走访选民后发送“民情日记”即可记录。`,
};

export const entryText = {
  saved: (kind: string, day: string, photos: number) => `已记入您的履职档案：${kind}（${day}）${photos ? `，照片 ${photos} 张` : ''}。发送“我的履职”可查看全年情况。`,
};
