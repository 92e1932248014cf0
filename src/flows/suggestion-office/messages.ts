// What the office's suggestion dialogs ask (rules S1–S3). The services' sentences (refusals,
// results) live in services/suggestions/messages.ts.
import { ANSWER_FORMS } from '../../domain/suggestions/lifecycle.ts';

const numberedForms = ANSWER_FORMS.map((f, i) => `${i + 1}. ${f}`).join('  ');

export const officeMessages = {
  assignExample: '交办 2026-建-0007 县住建局',
  mergeUsage: (n: string) => `请写明并入哪一件，例如“合并 ${n} 到 2026-建-0003”。`,
  listHelp: '建议列表：按状态查看；“建议列表 逾期”只看逾期的。',

  askForm: (n: string) => `登记 ${n} 的答复。答复形式是？回复序号：${numberedForms}`,
  formHelp: `回复 1（书面）、2（电话）或 3（面谈）。`,
  badForm: `请回复 1（书面）、2（电话）或 3（面谈）。`,
  askAnswer: '请发送答复内容（文字，可分几条发）；有答复函的，也可以发照片或文件。全部发完后回复“完成”。',
  answerHelp: '把答复的主要内容写清楚；答复函可以拍照或以文件发送。发完后回复“完成”。',
  answerAdded: (chars: number, files: number) => `已收到（共 ${chars} 字${files ? `、${files} 个附件` : ''}），继续发送，或回复“完成”。`,
  answerTooShort: (min: number) => `请发送至少 ${min} 个字的答复内容，或答复函的照片、文件，然后回复“完成”。`,
  answerTooLong: (max: number) => `答复内容最多 ${max} 字，这一条没有收下，请精简后重发。`,
  confirmAnswer: (n: string, form: string, text: string, files: number) =>
    [`请确认 ${n} 的答复：`, `形式：${form}`, `内容：${[...text].length > 120 ? `${[...text].slice(0, 120).join('')}……` : text}`, ...(files ? [`附件：${files} 个`] : []),
      '确认登记请回复“是”（代表会收到答复和评价卡片），不登记请回复“否”。'].join('\n'),
  confirmHelp: '回复“是”确认，回复“否”放弃。',
  yesNo: '请回复“是”或“否”。',
  notSaved: '好的，没有登记，内容没有保存。',

  askTalkDay: (n: string) => `登记 ${n} 的面商。面商是哪一天？例如“今天”“12月3日”。`,
  talkDayHelp: '面商的日期，例如“今天”“昨天”“12月3日”或“2026-12-03”。',
  badDay: '没看懂这个日期，请输入例如“今天”“12月3日”或“2026-12-03”。',
  askPlace: '面商地点是？例如“县住建局三楼会议室”。',
  placeHelp: '面商地点，2 到 50 字。',
  askParticipants: '参加面商的有哪些人？例如“县住建局李科长、代表李春梅”。',
  participantsHelp: '参加面商的人员，2 到 100 字。',

  askUntil: (n: string, current: string) => `${n} 现在的答复期限是 ${current}。延期到哪一天？例如“2027年3月15日”或“2027-03-15”。`,
  untilHelp: '新的答复期限，例如“3月15日”或“2027-03-15”；延期最多一次、最长一个月。',
  askReason: '请说明延期的理由（2 到 200 字）。',
  extendReasonExample: '需要协调县交通运输局调整线路',
  reasonHelp: '延期的理由，2 到 200 字。',
  confirmPending: (n: string, department: string, until: string, reason: string) =>
    `${department}申请将 ${n} 的答复期限延至 ${until}（理由：${reason}）。批准请回复“是”，不批准请回复“否”。`,

  askReturnReason: (n: string) => `请写明退回 ${n} 的理由（2 到 200 字），代表会收到。`,
  returnReasonHelp: '退回的理由，例如“内容不属于本级人大职权范围，建议向信访部门反映”。',
  returnReasonExample: '内容不属于本级人大职权范围，建议向信访部门反映',
} as const;
