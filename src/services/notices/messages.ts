// What notices, reminders and summaries say (rules A4, A5). `body` is the organisation's
// supervising body (policy.supervisingBody, rule U4), to which groups report.
export const noticeMessages = {
  headline: (leadDays: number | undefined) => (leadDays && leadDays >= 7 ? '活动预告（提前一周）' : '活动通知'),
  updatedHeadline: '活动变更通知',
  answer: { attend: '参加', leave: '请假' } as Record<string, string>,
  reminder: (title: string, time: string, place: string) =>
    `提醒：${time}“${title}”（${place}），您还没有回复是否参加，请点通知卡片上的“参加”或“请假”。`,
  /** by: replyBy-like phrase from deadline (请于X前 / 请于今天 / 请尽快); body: the supervising body. */
  committee: (unit: string, title: string, time: string, by: string, body: string) =>
    `${by}向${body}报告${unit}“${title}”（${time}）的时间、地点和内容。`,
  // A deadline is shown only while it is ahead (a past date is never promised).
  deadline: {
    reply: { ahead: (date: string) => `请于${date}前回复`, today: '请于今天内回复', passed: '请尽快回复' },
    report: { ahead: (date: string) => `请于${date}前`, today: (date: string) => `请于今天（${date}）`, passed: '请尽快' },
  },
  // 活动变更通知: each changed field, old → new.
  change: (label: string, from: string, to: string) => `${label}：${from} → ${to}`,
  changeLabels: { title: '标题', time: '时间', place: '地点', content: '内容' } as Record<string, string>,
  noContent: '无',
  summaryTitle: (title: string) => `“${title}”已结束，考勤情况：`,
  summaryLine: (label: string, names: string[]) => `${label}（${names.length}）：${names.join('、') || '无'}`,
  accountDraft: (p: { title: string; kind: string; time: string; place: string; present: string[]; body: string }) =>
    [
      `活动情况报告（草稿，请补充后报送${p.body}）：`,
      `一、活动内容：${p.title}`,
      `二、活动形式：${p.kind}，${p.time}，${p.place}`,
      `三、参加人员：${p.present.join('、') || '（无人签到）'}`,
      '四、活动成效：（请填写）',
      '五、对“一府两院”的意见建议：（请填写）',
      '发送“填写纪要”，按提示补上第四、五项即可保存报告。',
    ].join('\n'),
  attendAcknowledged: (title: string) => `已记录：您将参加“${title}”。如有变化，开始前仍可点“请假”。`,
  dayOf: (title: string, time: string, place: string) => `提醒：今天 ${time} 在${place}“${title}”，您是值班代表，请准时到场。`,
  staffNotice: (unit: string, title: string, time: string, place: string, names: string[]) =>
    `${unit}：${time}“${title}”（${place}），值班代表：${names.join('、') || '（未排班）'}。请做好场地和登记准备。`,
  // Posted in the unit's own chat, whose members are its deputies: addressed to them.
  receptionAnnouncement: (unit: string, time: string, place: string, names: string[]) =>
    `【接待选民】${unit}将于 ${time} 在${place}接待选民，值班代表：${names.join('、')}。请值班代表准时到场；也请各位代表告知身边的选民前来反映意见和建议。`,
  announcement: (unit: string, title: string, time: string, place: string) =>
    `【活动通知】${unit}将于 ${time} 在${place}开展“${title}”，请各位代表查看单聊中的通知卡片并及时回复。`,
  cancelled: (title: string, time: string) => `通知：原定 ${time} 的“${title}”已取消，请相互转告。`,
} as const;
