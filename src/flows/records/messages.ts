// What the 履职记录 and 民情日记 dialogs say (rules P1, P3, R6).
import { RECORD_KINDS, RECORD_KIND_CODES } from '../../domain/records/record-kinds.ts';

const kindList = RECORD_KIND_CODES.map((k, i) => `${i + 1}. ${RECORD_KINDS[k]}`).join('\n');

export const dateProblems = {
  unreadable: '没能看懂这个日期，请写成“今天”“昨天”或“11月20日”。',
  impossible: '没有这一天，请核对月份和日期。',
  future: '这一天还没到，请写已经发生的日期。',
  too_old: '只能补记一年以内的情况，请核对日期。',
} as const;

export const entryMessages = {
  askKind: `记一条履职记录。是哪一类？回复序号：\n${kindList}`,
  kindHelp: `回复序号或类别名称，例如“1”或“办实事”。`,
  badKind: `请回复 1 到 ${RECORD_KIND_CODES.length} 的序号，或类别名称（如“办实事”）。`,
  askDate: '是哪一天的事？例如“今天”“昨天”或“11月20日”。',
  dateHelp: '写日期，例如“昨天”或“11月20日”，不能是以后的日子。',
  askText: (kind: string) => `请简要写明这次${kind}的情况（2 到 500 字），例如为谁、做了什么、结果如何。`,
  textHelp: '用一条消息写明情况，2 到 500 字。',
  textLength: '请写 2 到 500 字的情况说明。',
  askPhotos: '可以发送照片（可多张），发完回复“完成”；不需要照片请回复“没有”。',
  photosHelp: '发送照片，或回复“完成”“没有”。',
  photoAdded: (n: number) => `已收到 ${n} 张照片。还有请继续发送，发完回复“完成”。`,
  badPhotos: '请发送照片，或回复“完成”（发完了）、“没有”（不需要照片）。',
  summary: (kind: string, day: string, text: string, photos: number) =>
    `请确认：\n类别：${kind}\n日期：${day}\n情况：${text}${photos ? `\n照片：${photos} 张` : ''}\n确认记入履职档案请回复“是”，不记请回复“否”。`,
  confirmHelp: '回复“是”记入履职档案，回复“否”不记。',
  yesNo: '请回复“是”或“否”。',
  notSaved: '好的，没有记录。',
  notDeputy: '履职记录是人大代表本人的记录，您不是人大代表。',
};

export const diaryMessages = {
  start: '记一篇民情日记（只在单聊中进行，选民的信息不会出现在群里）。',
  askDate: '哪一天走访的？例如“今天”“昨天”或“11月20日”。',
  dateHelp: '写走访的日期，例如“昨天”或“11月20日”，不能是以后的日子。',
  askVisited: '走访了谁、在哪里？例如“幸福村王大爷家”（2 到 500 字）。',
  visitedHelp: '写走访的对象和地点，2 到 500 字。',
  askRaised: '选民反映了什么问题或意见？（2 到 500 字）',
  raisedHelp: '写选民反映的问题或意见，2 到 500 字。',
  askDone: '您做了什么、下一步怎么办？（2 到 500 字）',
  doneHelp: '写您的处理或下一步打算，2 到 500 字。',
  textLength: '请写 2 到 500 字。',
  askConfirmation: '民情日记须经被走访选民本人签名确认。请发送选民签字页的照片；或回复选民的姓名和手机号，例如“王秀英 13912345678”。',
  confirmationHelp: '发送选民签字页的照片，或写“姓名 手机号”，例如“王秀英 13912345678”。',
  badConfirmation: '需要选民本人的确认：请发送签字页的照片，或写“姓名 手机号”（11 位手机号或带区号的座机），例如“王秀英 13912345678”。',
  summary: (d: { day: string; visited: string; raised: string; done: string; confirmation: string }) =>
    `请确认这篇民情日记：\n日期：${d.day}\n走访：${d.visited}\n反映：${d.raised}\n处理：${d.done}\n选民确认：${d.confirmation}\n确认保存请回复“是”，不保存请回复“否”。`,
  photoConfirmation: '签字页照片',
  confirmHelp: '回复“是”保存，回复“否”不保存。',
  yesNo: '请回复“是”或“否”。',
  notSaved: '好的，这篇民情日记没有保存。',
  notDeputy: '民情日记由人大代表本人填写，您不是人大代表。',
};
