// Every sentence about suggestions (rules S1–S6): what the deputy is told at each step (one
// line each), what the office and departments hear, refusals (one sentence saying what to do
// next), reminders and lists. Used alike by chat, the command line and the console. Names of
// bodies come from the policy; rule IDs never appear here.
import { ACTION_LABEL, STATUS_LABEL, type SuggestionAction, type SuggestionStatus } from '../../domain/suggestions/lifecycle.ts';

/** '2027-02-24' → '2027年2月24日'. */
export function dayText(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function clip(text: string, max: number): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

const statusText = (s: string) => STATUS_LABEL[s as SuggestionStatus] ?? s;

/** What normally comes next from a status: the refusal's second half. */
const NEXT_STEP: Record<SuggestionStatus, (n: string) => string> = {
  submitted: (n) => `下一步是登记或交办：发送“登记 ${n}”或“交办 ${n} 部门名称”。`,
  registered: (n) => `下一步是交办：发送“交办 ${n} 部门名称”。`,
  assigned: (n) => `正在等待承办单位答复：答复后发送“答复 ${n}”登记。`,
  in_progress: (n) => `正在办理中：答复后发送“答复 ${n}”登记。`,
  answered: () => '已经答复，正在等待代表评价。',
  rated: (n) => `代表已评价，可以发送“办结 ${n}”办结。`,
  closed: () => '这条建议已经办结。',
  returned: () => '这条建议已退回代表。',
  merged: () => '这条建议已并入其他建议一并办理。',
};

export const suggestionText = {
  // Refusals (one sentence, with what to do next).
  badNumber: (example: string) => `请写上建议编号，例如“${example}”。`,
  notFound: (n: string) => `没有编号为 ${n} 的建议，请发送“建议列表”查看编号。`,
  wrongStatus: (n: string, status: string, action: SuggestionAction) =>
    `${n} 目前的状态是“${statusText(status)}”，不能${ACTION_LABEL[action]}。${NEXT_STEP[status as SuggestionStatus]?.(n) ?? ''}`,
  officeOnly: (action: SuggestionAction, body: string) => `“${ACTION_LABEL[action]}”建议由${body}的工作人员办理，请联系他们。`,
  handlerOnly: (action: SuggestionAction, body: string, department: string) =>
    `只有承办单位${department ? `（${department}）` : ''}的经办人或${body}的工作人员可以${ACTION_LABEL[action]}，请联系${body}。`,
  extensionByDepartment: (body: string) => `延期须由承办单位提出申请、经${body}批准，请联系承办单位的经办人。`,
  submitterOnly: '只有提出这条建议的代表本人可以评价答复。',
  changedMeanwhile: (n: string) => `${n} 的状态刚刚发生了变化，请发送“建议列表”查看后再办理。`,
  unknownDepartment: (name: string, known: string[]) =>
    `没有名为“${name}”的承办部门${known.length ? `（现有：${known.join('、')}）` : ''}；添加请发送“部门 添加 ${name}”。`,
  assignUsage: (n: string) => `请写上承办部门，例如“交办 ${n} 县住建局”，有协办部门时写“交办 ${n} 县住建局 协办 县交通运输局、县财政局”。`,
  mergeSelf: '不能把一条建议并入它自己。',
  mergeTarget: (target: string, status: string) => `${target} 目前是“${statusText(status)}”，只能并入尚未办结、未退回、未合并的建议。`,
  reasonNeeded: (verb: string) => `请写明${verb}的理由（2 到 200 字）。`,
  reasonWords: (what: string, example: string) => `请用中文写明${what}，只有表情或字母看不出意思，例如“${example}”。`,
  returnReasonExample: '内容不属于本级人大职权范围，建议向信访部门反映',
  extendReasonExample: '需要协调县交通运输局调整线路',
  extensionNone: (allowed: number) => (allowed > 0 ? `这条建议已经延期过 ${allowed} 次，按规定不能再延期。` : '按本单位规定，建议办理不能延期。'),
  extensionTooLong: (limit: string, months: number) => `延期不能超过 ${months} 个月，最晚只能延至 ${dayText(limit)}。`,
  extensionNotLater: (current: string) => `新的期限须晚于现在的答复期限 ${dayText(current)}。`,
  noPendingExtension: (n: string) => `${n} 没有待批准的延期申请。`,
  extensionDateNeeded: (n: string) => `请写上延期到哪一天，例如“延期 ${n} 2027-03-15”。`,
  alreadyRated: (rating: string) => `这次答复已经评价为“${rating}”，评价提交后不能更改。`,
  answerSuperseded: '这张卡片对应的是较早的一次答复，请在最新答复的卡片上评价。',

  // To the one who acted (chat reply, command-line line).
  done: {
    registered: (n: string, deadline: string | null) => `${n} 已登记${deadline ? `，请在 ${dayText(deadline)} 前交办` : ''}。`,
    returned: (n: string) => `${n} 已退回，已告知提出建议的代表。`,
    merged: (n: string, into: string) => `${n} 已并入 ${into} 一并办理，已告知提出建议的代表。`,
    assigned: (n: string, lead: string, co: string[], deadline: string) =>
      `${n} 已交办${lead}（主办）${co.length ? `，${co.join('、')}（协办）` : ''}，答复期限 ${dayText(deadline)}。`,
    accepted: (n: string) => `${n} 已签收，状态为办理中。`,
    talked: (n: string) => `${n} 的面商情况已记录。`,
    extensionRequested: (n: string, until: string, body: string) => `已为 ${n} 申请延期至 ${dayText(until)}，等待${body}批准，批准后会通知您。`,
    extended: (n: string, until: string) => `${n} 已延期，答复期限改为 ${dayText(until)}。`,
    answered: (n: string) => `${n} 的答复已登记，已请代表评价。`,
    closed: (n: string) => `${n} 已办结。`,
    declined: (n: string) => `没有批准 ${n} 的延期申请，已告知承办单位按原期限答复。`,
    rated: (rating: string) => `已记录您的评价：${rating}。谢谢！`,
    reopened: (n: string, deadline: string) => `已记录您的评价：不满意。${n} 将重新办理，新的答复期限是 ${dayText(deadline)}，答复后请再次评价。`,
  },

  // To the deputy, one line each step.
  deputy: {
    registered: (n: string, deadline: string | null) => `您的建议 ${n} 已登记${deadline ? `，将于 ${dayText(deadline)} 前交办` : ''}。`,
    returned: (n: string, reason: string) => `您的建议 ${n} 被退回：${reason}。如需要，可修改后发送“提建议”重新提交。`,
    merged: (n: string, into: string) => `您的建议 ${n} 与 ${into} 内容相近，已合并办理，答复时会一并告知您。`,
    assigned: (n: string, lead: string, deadline: string) => `您的建议 ${n} 已交办${lead}办理，答复期限 ${dayText(deadline)}。`,
    accepted: (n: string, lead: string) => `${lead}已签收您的建议 ${n}，正在办理。`,
    talked: (n: string, who: string, day: string, place: string) => `${who}已就您的建议 ${n} 与您面商（${dayText(day)}，${place}）。`,
    extended: (n: string, until: string) => `您的建议 ${n} 经批准延期办理，答复期限改为 ${dayText(until)}。`,
    answered: (n: string, who: string, form: string) => `${who}已${form}答复您的建议 ${n}，请在卡片上评价（满意、基本满意或不满意）。`,
    mergedAnswered: (n: string, into: string, who: string) => `与您的建议 ${n} 合并办理的 ${into} 已由${who}答复，可发送“我的建议”查看。`,
    closed: (n: string) => `您的建议 ${n} 已办结，感谢您认真履职。`,
  },

  // To the office and the handlers.
  office: {
    extensionRequest: (n: string, department: string, until: string, reason: string) =>
      `${department}申请将建议 ${n} 的答复期限延至 ${dayText(until)}（理由：${reason}）。批准请发送“延期 ${n}”。`,
    reopened: (n: string, department: string, deadline: string) => `代表对建议 ${n} 的答复不满意，请${department}重新办理，新的答复期限 ${dayText(deadline)}。`,
    newAnswerToRate: (n: string) => `建议 ${n} 的答复已送代表评价。`,
  },
  handler: {
    assigned: (n: string, title: string, department: string, role: 'lead' | 'co', deadline: string) =>
      `建议 ${n}“${clip(title, 20)}”已交办${department}${role === 'lead' ? '主办' : '协办'}，答复期限 ${dayText(deadline)}。答复后请发送“答复 ${n}”。`,
    extended: (n: string, until: string) => `建议 ${n} 的延期已批准，答复期限改为 ${dayText(until)}。`,
    declined: (n: string, deadline: string) => `建议 ${n} 的延期申请没有获批，请在原答复期限 ${dayText(deadline)} 前答复。`,
  },

  // Reminders and the weekly list (office staff, department handlers).
  reminder: {
    title: (count: number) => `提醒：以下 ${count} 件建议临近办理期限：`,
    line: (n: string, title: string, kind: string, deadline: string, daysLeft: number) =>
      `${n}“${clip(title, 20)}”${kind} ${dayText(deadline)}（${daysLeft > 0 ? `还有 ${daysLeft} 天` : '今天到期'}）`,
    footerOffice: '交办请发送“交办 编号 部门名称”，登记答复请发送“答复 编号”。',
    footerHandler: '答复后请发送“答复 编号”；需要延期请发送“延期 编号”。',
    more: (count: number) => `另有 ${count} 件，请发送“建议列表”查看。`,
  },
  overdue: {
    title: (count: number, today: string) => `截至 ${dayText(today)}，逾期的建议 ${count} 件：`,
    more: (count: number) => `另有 ${count} 件，请发送“建议列表 逾期”查看。`,
  },

  // Card texts.
  ratingSettled: (rating: string) => `已评价：${rating}`,
} as const;
