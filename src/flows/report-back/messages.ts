// What the 述职报告 dialog and the evaluation commands say (rules E1–E3).
export const reportFlowMessages = {
  askContent: '请发送书面述职报告：可以直接发送报告文件，或分几条消息发送正文，发完回复“完成”。',
  contentHelp: '发送报告文件，或发送正文（可分几条），发完回复“完成”。',
  added: (chars: number) => `已收到，共 ${chars} 字。还有请继续发送，发完回复“完成”。`,
  fileAdded: '已收到报告文件。还要补充正文请继续发送，否则回复“完成”。',
  empty: '还没有收到报告内容：请发送报告文件或正文。',
  summary: (year: number, chars: number, file: boolean) =>
    `请确认提交${year}年度书面述职报告：${[chars ? `正文 ${chars} 字` : '', file ? '报告文件 1 个' : ''].filter(Boolean).join('，')}。确认提交请回复“是”，不提交请回复“否”。`,
  confirmHelp: '回复“是”提交，回复“否”不提交。',
  yesNo: '请回复“是”或“否”。',
  notSubmitted: '好的，没有提交。',
  notDeputy: '书面述职报告由人大代表本人提交，您不是人大代表。',
};

export const ballotCommandMessages = {
  needId: (command: string) => `请在“${command}”后面写评议编号，例如“${command} 3”；编号在组织者设置评议时告知。`,
  paperFormat: '请按“纸质票 编号 满意 N 基本满意 N 不满意 N”发送，例如“纸质票 3 满意 20 基本满意 3 不满意 1”。',
};
