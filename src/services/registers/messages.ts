// What the registers say: on the sheets (titles, periods, the signature line, marks) and in
// chat (the export command, the written account and the quarterly form). Names of bodies come
// from the organisation's policy (supervisingBody), never from here.
import type { Period } from '../../domain/registers/period.ts';

export const exportText = {
  usage: '请写明台帐和时间，例如“导出 考勤簿 本季度”“导出 接待登记簿 上个月”；可导出：会议登记簿、活动登记簿、考勤簿、接待登记簿、建议登记簿、走访登记簿、转办簿、履职手册、活动登记表，或“全部”。',
  unknownBook: (name: string) => `没有名为“${name}”的台帐；可导出：会议登记簿、活动登记簿、考勤簿、接待登记簿、建议登记簿、走访登记簿、转办簿、履职手册、活动登记表，或“全部”。`,
  needPeriod: (book: string) => `请写明时间，例如“导出 ${book} 本季度”“导出 ${book} 上个月”“导出 ${book} 2026年”。`,
  chooseUnit: (book: string, units: string[]) => `您负责${units.join('、')}，请写明导出哪个单位，例如“导出 ${book} ${units[0]} 本季度”。`,
  notYourUnit: (unit: string, mine: string[], askNames: string) => `您只能导出${mine.join('、')}的台帐；${unit}的台帐请找${askNames}。`,
  notAllowed: (askNames: string) => `台帐由各单位的组长、联络员和办公室工作人员导出，请找${askNames}。`,
  nobodyToAsk: '台帐由各单位的组长、联络员和办公室工作人员导出，请联系本单位负责人。',
  queued: (what: string) => `正在生成${what}，生成后以文件发给您。`,
  queuedInGroup: (what: string) => `正在生成${what}，生成后以文件私信发给您。`,
  already: (what: string) => `${what}已在生成，生成后以文件发给您。`,
  caption: (what: string, sheets: { name: string; rows: number }[]) =>
    sheets.length <= 3
      ? `${what}：${sheets.map((s) => `${s.name} ${s.rows} 行`).join('，')}。文件如下。`
      : `${what}：${sheets.length} 个工作表，共 ${sheets.reduce((n, s) => n + s.rows, 0)} 行。文件如下。`,
  failed: (what: string) => `${what}没有生成成功，请稍后再发一次“导出”；仍不成功请联系办公室工作人员。`,
  /** 《代表活动考勤簿》（第一代表小组，2026年第四季度） */
  what: (title: string, scope: string, period: string) => `《${title}》（${scope}，${period}）`,
  allBooks: '全部台帐',
};

export const accountText = {
  /** The first line of a written account as the supervising body's staff receive it. */
  header: (unit: string, title: string, time: string, writer: string) => `【活动情况报告】${unit}“${title}”（${time}）${writer ? `，${writer}填写` : ''}：`,
};

export const formText = {
  quarterName: (unit: string, quarter: string) => `${unit}${quarter}集体活动登记表`,
  /** The card's lines are short: WeCom clips a card's description at 30 characters, a field at 26. */
  cardDescription: '请核对本季度集体活动，无误后点“确认无误”',
  cardCorrect: '先用“修改活动”“填写纪要”更正',
  asOf: (month: number, day: number) => `${month}月${day}日`,
  noActivities: '本季度还没有集体活动记录。',
  activityLine: (day: string, kind: string, title: string) => `${day} ${kind}：${title}`,
  dueOnTime: (due: string) => `${due}前`,
  duePassed: (due: string) => `已过期限（${due}前），请尽快确认`,
  draftCaption: (name: string) => `${name}（草稿，请核对后在卡片上确认）`,
  chase: (name: string, due: string, body: string) => `${name}还没有确认，须在${due}前报送${body}。请核对后点卡片上的“确认无误”。`,
  lastCall: (name: string, due: string, body: string) => `${name}还没有确认，明天（${due}）就到报送期限。请今天核对后点卡片上的“确认无误”，确认后即报送${body}。`,
  overdueToLeaders: (name: string, body: string) => `${name}已过报送期限，还没有确认。请尽快核对后点卡片上的“确认无误”，确认后即报送${body}。`,
  overdueToStaff: (quarter: string, due: string, lines: string[]) => `以下代表小组的${quarter}集体活动登记表到${due}还没有经组长确认，组长确认后即发给您：\n${lines.join('\n')}`,
  overdueLine: (unit: string, leaders: string[]) => `${unit}（${leaders.length ? `组长：${leaders.join('、')}` : '名册里没有组长'}）`,
  confirmedCaption: (name: string, leader: string, at: string) => `${name}（已由${leader}于${at}确认）`,
  confirmed: (name: string, body: string) => `已确认，${name}即发给${body}的工作人员。`,
  confirmedNoStaff: (name: string, body: string) => `已确认${name}；名册里没有办公室工作人员可以接收，请直接报送${body}。`,
  settledConfirmed: (name: string) => `已确认（${name}）`,
  alreadyConfirmed: (name: string, leader: string, at: string) => `${name}已由${leader}于${at}确认并报送，不需要再确认。`,
  notYours: (name: string, leaders: string[]) => `${name}由该组组长确认${leaders.length ? `，请找${leaders.join('、')}` : ''}。`,
  noSuchForm: '这张登记表已不存在，请联系办公室工作人员。',
};

export const registerText = {
  periodLine: (p: Period, subtitle?: string) => `期间：${p.label}（${p.fromDay} 至 ${p.toDay}）${subtitle ? `　${subtitle}` : ''}`,
  /** The keeper signs and dates the printed book. */
  signature: (who = '保管人（签名）') => `${who}：＿＿＿＿＿＿＿＿　　　　日期：　　　　年　　月　　日`,
  none: '本期没有记录。',
  total: '合计',
  yes: '是',
  no: '否',
};
