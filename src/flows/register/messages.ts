// What the reception register flow says (rules R3, R4, R6). Deputies record, they do not
// settle cases: nothing here promises an outcome, only that the office sorts and assigns.
// `body` is the organisation's supervising body (policy.supervisingBody, rule U4).
export const VISIT_CATEGORIES = ['城乡建设', '社会保障', '教育医疗', '环境保护', '农业农村', '社会治安', '其他'] as const;
export type VisitCategory = (typeof VISIT_CATEGORIES)[number];

const numbered = (items: readonly string[]) => items.map((s, i) => `${i + 1}. ${s}`).join('\n');

export const registerMessages = {
  /** What each step's answer is called, for a kept draft (继续). */
  labels: { station: '联络站', name: '来访者姓名', phone: '电话', address: '住址', issue: '反映的问题', category: '类别' },
  refusal: (contacts: string, body: string) =>
    `接待登记由联络站的代表和工作人员在接待选民时使用，您不是联络站成员。如有选民反映问题需要登记，请联系${contacts || body}。`,
  askStation: (names: string[]) => `为哪个联络站登记来访者？请回复序号：\n${numbered(names)}`,
  stationHelp: '回复联络站前面的序号，例如“1”。',
  badStation: (count: number) => `请回复 1 到 ${count} 之间的序号，例如“1”。`,
  forStation: (station: string, body: string) => `为${station}登记来访者（来访者信息只有您和${body}的工作人员能看到）。`,
  askName: '请输入来访者的姓名。',
  nameHelp: '来访者的姓名，2 到 20 个字。',
  nameLength: '姓名需要 2 到 20 个字，请重新输入。',
  askPhone: '请输入来访者的联系电话；没有的话回复“无”。',
  phoneHelp: '11 位手机号或带区号的固定电话，例如“13800000000”或“0571-88886666”；没有就回复“无”。',
  badPhone: '电话格式不对，请输入 11 位手机号或带区号的固定电话；没有请回复“无”。',
  askAddress: '请输入来访者的住址（例如“城关镇幸福村3组”）；不便提供请回复“无”。',
  addressHelp: '来访者的住址，2 到 100 个字；不便提供就回复“无”。',
  addressLength: '住址需要 2 到 100 个字，请重新输入；不便提供请回复“无”。',
  askIssue: '请用一条消息写明来访者反映的问题（5 到 1000 字）。',
  issueHelp: '把来访者反映的情况和诉求写在一条消息里，5 到 1000 个字。',
  issueExample: '幸福村主干道路灯损坏一个多月，夜间出行不便',
  issueLength: '反映的问题需要 5 到 1000 个字，请用一条消息重新输入。',
  askCategory: `这个问题属于哪一类？请回复序号：\n${numbered(VISIT_CATEGORIES)}`,
  categoryHelp: `回复类别的序号或名称，例如“1”或“城乡建设”。`,
  badCategory: `请回复 1 到 ${VISIT_CATEGORIES.length} 之间的序号，或类别名称，例如“城乡建设”。`,
  summary: (p: { station: string; name: string; phone?: string; address?: string; issue: string; category: string }) =>
    [
      '请确认接待登记：',
      `联络站：${p.station}`,
      `来访者：${p.name}`,
      `电话：${p.phone ?? '无'}`,
      `住址：${p.address ?? '无'}`,
      `类别：${p.category}`,
      `反映问题：${[...p.issue].length > 200 ? `${[...p.issue].slice(0, 200).join('')}……` : p.issue}`,
      '确认登记请回复“是”，不登记请回复“否”。',
    ].join('\n'),
  confirmHelp: '回复“是”登记，回复“否”放弃这一位来访者。',
  yesNo: '请回复“是”或“否”。',
  recorded: (n: number, id: number, deadline: string, body: string) =>
    `已登记第 ${n} 位来访者（编号 ${id}），交办期限 ${deadline}。${body}将统一梳理后按规定交办。`,
  notRecorded: '好的，这一位没有登记。',
  askNext: '继续登记下一位请回复“继续”，结束请回复“完成”。',
  nextHelp: '回复“继续”登记下一位来访者，回复“完成”结束本次登记。',
  badNext: '请回复“继续”或“完成”。',
  finished: (n: number, body: string) =>
    n > 0
      ? `本次共登记 ${n} 位来访者。反映的问题由${body}统一梳理、交办，代表不直接处理问题。`
      : '好的，本次没有登记来访者。',
} as const;
