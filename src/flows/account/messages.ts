// What the written-account flow says (rule A5).
export const accountMessages = {
  /** What each step's answer is called, for a kept draft (继续). */
  labels: { activity: '活动', results: '活动成效', opinions: '意见建议' },
  none: '您负责的单位最近 30 天没有需要填写情况报告的活动。',
  pick: (list: string) => `要为哪次活动填写情况报告？请回复序号：\n${list}`,
  pickHelp: '回复活动前面的序号，例如“1”。',
  badChoice: (count: number) => `请回复 1 到 ${count} 之间的序号。`,
  askResults: (title: string) => `请写“${title}”的活动成效（做了什么、有什么结果），5 到 1000 字。`,
  resultsHelp: '用几句话写清这次活动做了什么、取得了什么结果。',
  resultsExample: '听取了污水处理厂运营情况汇报，提出3条改进意见',
  askOpinions: '请写活动中对“一府两院”（政府、法院、检察院）提出的意见建议；没有请回复“无”。',
  opinionsHelp: '把代表们提出的意见建议逐条写上；没有就回复“无”。',
  length: (min: number, max: number) => `请写 ${min} 到 ${max} 个字。`,
  summary: (text: string) => `请确认情况报告：\n${text}\n确认保存请回复“是”，不保存请回复“否”。`,
  confirmHelp: '回复“是”保存，回复“否”放弃。',
  yesNo: '请回复“是”或“否”。',
  saved: (title: string, body: string) => `“${title}”的情况报告已保存，并已报送${body}。`,
  savedNotDelivered: (title: string, body: string) => `“${title}”的情况报告已保存；名册里没有办公室工作人员可以接收，请直接报送${body}。`,
  notSaved: '好的，情况报告没有保存。',
  accountText: (p: { title: string; kind: string; time: string; place: string; present: string[]; results: string; opinions: string }) =>
    [
      `一、活动内容：${p.title}`,
      `二、活动形式：${p.kind}，${p.time}，${p.place}`,
      `三、参加人员：${p.present.join('、') || '（无人签到）'}`,
      `四、活动成效：${p.results}`,
      `五、对“一府两院”的意见建议：${p.opinions}`,
    ].join('\n'),
} as const;
