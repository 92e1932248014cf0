// What the activity flows say: 发布活动, 修改活动, 取消活动 (rules A1, A4).
export const activityFlowMessages = {
  // Who may publish (rules U2, U3, U5).
  refusal: (verb: string, unitKind: string | undefined, contacts: string, body: string) =>
    `只有${unitKind === 'station' ? '本站站长、副站长、联络员' : '本组组长、副组长、联络员'}或${body}的工作人员可以${verb}活动，请联系${contacts || body}。`,
  pickUnit: (list: string) => `为哪个单位发布活动？请回复序号：\n${list}`,
  pickUnitHelp: '回复单位前面的序号，例如“1”。',
  badChoice: (count: number) => `请回复 1 到 ${count} 之间的序号，例如“1”。`,
  askKind: (unit: string, list: string) => `为${unit}发布活动。是哪一类活动？请回复序号或名称：\n${list}`,
  kindHelp: '回复活动类型的序号或名称，例如“1”或“视察”。',
  badKind: (count: number) => `请回复 1 到 ${count} 的序号，或“学习”“视察”“调研”这样的类型名称。`,
  askTitle: '活动标题是什么？（60 字以内，例如“学习代表法”）',
  titleHelp: '写一个简短的标题，1 到 60 个字，例如“视察城区污水处理厂”。',
  askStart: '什么时候开始？例如“下周二下午2点”或“12月5日14:30”。',
  startHelp: '写日期和具体时间，例如“下周二下午2点”“12月5日14:30”。',
  needTime: '请写上几点开始，例如“下周二下午2点”。',
  startPassed: (text: string) => `${text}已经过去了，请输入以后的时间。`,
  askEnd: (start: string) => `开始时间：${start}。几点结束？例如“16:30”；跨天请写日期和时间。`,
  endHelp: '写结束的时间，例如“16:30”或“下午5点”；不在同一天就写“12月6日12:00”。',
  needEndTime: '请写结束的具体时间，例如“16:30”。',
  endNotAfterStart: (start: string) => `结束时间要晚于开始时间（${start}），请重新输入，例如“16:30”。`,
  askPlace: '活动地点在哪里？（100 字以内）',
  placeHelp: '写活动地点，例如“县人大常委会三楼会议室”。',
  askContent: '活动内容是什么？没有要补充的请回复“无”。',
  contentHelp: '写活动的主要内容（2000 字以内），没有就回复“无”。',
  askInvitees: (count: number, unit: string) =>
    `邀请${unit}全体 ${count} 人参加请回复“是”；只邀请部分人请写“只邀请 张三、李四”，不邀请某几位请写“除了张三”。`,
  inviteesHelp: '回复“是”或“全体”邀请本单位全体；只邀请部分人写“只邀请 张三、李四”，不邀请某几位写“除了张三”。',
  summary: (lines: string[], verb: string) => ['请确认：', ...lines, `确认${verb}请回复“是”，不${verb}请回复“否”。`].join('\n'),
  confirmHelp: (verb: string) => `回复“是”${verb}，回复“否”放弃。`,
  yesNo: (verb: string) => `请回复“是”${verb}，或“否”放弃。`,
  notDone: (verb: string) => `好的，没有${verb}。`,
  published: (title: string, id: number) => `已发布“${title}”，编号 ${id}。通知卡片会按规定时间发给参加人员。`,
  publishedLate: (title: string, id: number, late: string) => `已发布“${title}”，编号 ${id}。${late}`,
  failed: (issues: string) => `没有保存：${issues}。请重新发送命令再试。`,
  // Edit and cancel.
  noneUpcoming: (verb: string) => `您负责的单位近期没有可以${verb}的活动。`,
  pickActivity: (verb: string, list: string) => `要${verb}哪次活动？请回复序号：\n${list}`,
  pickActivityHelp: '回复活动前面的序号，例如“1”。',
  askField: (title: string) => `修改“${title}”的哪一项？请回复：1. 时间  2. 地点  3. 内容  4. 标题`,
  fieldHelp: '回复序号或名称，例如“1”或“时间”。',
  valueHelp: '写新的内容：时间如“下周二下午2点”，地点、内容、标题直接写新的文字（内容可回复“无”）。',
  badField: '请回复 1 到 4 的序号，或“时间”“地点”“内容”“标题”。',
  editSummary: (title: string, label: string, from: string, to: string) => [`活动：${title}`, `${label}：${from} → ${to}`],
  edited: (title: string, label: string, told: number) =>
    `已修改“${title}”的${label}。` + (told > 0 ? `已向已收到通知的 ${told} 人发送变更通知。` : '通知卡片会按新的安排发出。'),
  unchanged: (title: string, label: string) => `“${title}”的${label}和原来一样，没有修改，也没有发送变更通知。`,
  cancelSummary: (title: string, time: string, unit: string) => [`取消活动：${title}`, `时间：${time}`, `单位：${unit}`],
  cancelled: (title: string, told: number) =>
    `已取消“${title}”。` + (told > 0 ? `已通知已收到活动通知的 ${told} 人。` : '还没有人收到通知，待发的通知已撤回。'),
  labels: {
    unit: '单位', kind: '类型', title: '标题', time: '时间', place: '地点', content: '内容', invitees: '参加人员',
    start: '开始时间', end: '结束时间', field: '修改项', value: '新的内容',
  },
  none: '无',
} as const;

export const NONE_WORDS = new Set(['无', '没有', '暂无', '无内容', '不用']);
