// Texts for 交办, 答复登记, 部门 and the assignment deadline reminders (rules R4, R5, R6).
// Lists with visitors' names only ever go to office staff in private chat.
import type { VisitSummary } from '../../repositories/assignment-repo.ts';

/** Rule R4: the choice that forwards an issue to the policy's forwardBody instead of a department. */
export const forwardLabel = (forwardBody: string) => `转${forwardBody}`;
export const ANSWER_FORMS = ['书面', '电话', '面谈'] as const;
export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;

const md = (iso: string) => {
  const [, m, d] = iso.split('-');
  return `${Number(m)}月${Number(d)}日`;
};
const short = (text: string) => {
  const chars = [...text.replace(/\s+/g, ' ')];
  return chars.length > 20 ? `${chars.slice(0, 20).join('')}…` : chars.join('');
};

/** One numbered line: date, station, category, the issue's first 20 characters, deadline. */
export function visitLine(v: VisitSummary, n: number, opts: { withName: boolean; withAssignee?: boolean } = { withName: true }): string {
  const who = opts.withName ? `，${v.visitorName}` : '';
  const to = opts.withAssignee && v.assignedTo ? `，已交办${v.assignedTo}` : '';
  return `${n}. ${md(v.date)} ${v.station} [${v.category}] ${short(v.issue)}${who}（交办期限 ${md(v.deadline)}${to}）`;
}

export const assignMessages = {
  officeOnly: (body: string) => `“交办”只有${body}的工作人员可以使用。`,
  answerOfficeOnly: (body: string) => `“答复登记”只有${body}的工作人员可以使用。`,
  nothingToAssign: '目前没有待交办的接待事项。',
  nothingToAnswer: '目前没有已交办、待登记答复的接待事项。',
  noDepartments: '本单位还没有设置承办部门。请先发送“部门 添加 部门名称”添加（例如：部门 添加 县交通运输局），发送“部门”查看已有部门。',
  pickVisit: (visits: VisitSummary[]) => `待交办的接待事项（接待后 7 个工作日内交办）：\n${visits.map((v, i) => visitLine(v, i + 1, { withName: true })).join('\n')}\n请回复序号选择要交办的事项。`,
  pickVisitHelp: '回复列表中的序号，例如：1',
  badPick: (count: number) => `请回复 1 到 ${count} 之间的序号。`,
  pickDepartment: (departments: string[], forwardBody: string) =>
    `请选择承办部门：\n${[...departments, forwardLabel(forwardBody)].map((d, i) => `${i + 1}. ${d}`).join('\n')}\n本级部门办不了的事项请选“${forwardLabel(forwardBody)}”（填写闭会期间建议表）。`,
  departmentHelp: '回复部门序号，例如：1。',
  confirmAssign: (v: VisitSummary, target: string, forward: boolean) =>
    `请确认：将 ${md(v.date)} ${v.station}接待的“${short(v.issue)}”${forward ? `${target}办理` : `交办给${target}`}。回复“是”确认，“否”取消。`,
  confirmHelp: '回复“是”确认交办，“否”取消。',
  yesNo: '请回复“是”或“否”。',
  notAssigned: '已取消，事项仍为待交办。',
  assigned: (target: string) => `已交办给${target}。答复后请发送“答复登记”记录答复情况。`,
  forwarded: (target: string) => `已${target}办理。答复后请发送“答复登记”记录答复情况。`,
  alreadyTaken: '这条事项已被其他工作人员处理，请重新发送“交办”查看。',

  pickAnswered: (visits: VisitSummary[]) => `已交办、待登记答复的事项：\n${visits.map((v, i) => visitLine(v, i + 1, { withName: true, withAssignee: true })).join('\n')}\n请回复序号选择。`,
  askForm: '答复形式是？回复序号：1. 书面  2. 电话  3. 面谈',
  formHelp: '回复 1（书面）、2（电话）或 3（面谈）。',
  badForm: '请回复 1（书面）、2（电话）或 3（面谈）。',
  askText: '请输入答复内容（5 到 1000 字）。',
  textHelp: '输入答复的主要内容，5 到 1000 字。',
  textLength: '答复内容需要 5 到 1000 个字，请重新输入。',
  askSatisfaction: '来访群众对答复是否满意？回复序号：1. 满意  2. 基本满意  3. 不满意',
  satisfactionHelp: '回复 1（满意）、2（基本满意）或 3（不满意）。',
  badSatisfaction: '请回复 1（满意）、2（基本满意）或 3（不满意）。',
  closed: (satisfaction: string) => `答复已登记（${satisfaction}），事项已办结。`,
  reopened: '答复已登记（不满意）。按规定该事项已重新打开，回到待交办，请重新发送“交办”处理。',
  answerTaken: '这条事项的状态已经变化，请重新发送“答复登记”查看。',

  departments: (names: string[]) => (names.length ? `承办部门：\n${names.map((n, i) => `${i + 1}. ${n}`).join('\n')}\n添加请发送“部门 添加 部门名称”。` : '还没有设置承办部门。添加请发送“部门 添加 部门名称”，例如：部门 添加 县交通运输局'),
  departmentAdded: (name: string) => `已添加承办部门：${name}。`,
  departmentExists: (name: string) => `承办部门“${name}”已存在。`,
  departmentUsage: '用法：“部门”查看承办部门，“部门 添加 部门名称”添加（名称 2 到 30 字）。',

  // Reminders, privately to office staff (rule R4). Names allowed, phones never (rule R6).
  dueSoon: (deadline: string, visits: VisitSummary[], workingDaysLeft: number) =>
    `提醒：以下 ${visits.length} 条接待事项的交办期限是 ${md(deadline)}（还有 ${workingDaysLeft} 个工作日），请尽快发送“交办”处理：\n${visits.map((v, i) => visitLine(v, i + 1, { withName: true })).join('\n')}`,
  dueToday: (deadline: string, visits: VisitSummary[]) =>
    `提醒：以下 ${visits.length} 条接待事项今天（${md(deadline)}）到交办期限，请今天发送“交办”处理：\n${visits.map((v, i) => visitLine(v, i + 1, { withName: true })).join('\n')}`,
  overdue: (visits: VisitSummary[]) =>
    `逾期未交办的接待事项 ${visits.length} 条（应在接待后 7 个工作日内交办），请发送“交办”处理：\n${visits.map((v, i) => visitLine(v, i + 1, { withName: true })).join('\n')}`,
};
