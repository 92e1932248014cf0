// What the leave flow says (rules L1, L2, L5).
export const leaveMessages = {
  noActivity: '您近期没有需要参加的活动，不用请假。如有疑问请联系本组联络员。',
  pickActivity: (list: string) => `请问要为哪次活动请假？请回复序号：\n${list}`,
  pickHelp: '回复活动前面的序号，例如“1”或“第二个”。',
  badChoice: (count: number) => `请回复 1 到 ${count} 之间的序号，例如“1”。`,
  askReason: (activity: string) => `为“${activity}”请假。请写明请假事由（4 到 200 字），例如“外出学习，无法参加”。`,
  reasonHelp: '写一句话说明不能参加的原因，4 到 200 个字。',
  reasonExample: '外出学习，无法参加',
  reasonTooShort: (min: number) => `事由至少要 ${min} 个字，请再写具体一点。`,
  reasonTooLong: (max: number) => `事由最多 ${max} 个字，请精简后再发。`,
  summary: (p: { activity: string; time: string; reason: string; used: number; remaining: number; counts: boolean }) =>
    [
      '请确认请假申请：',
      `活动：${p.activity}`,
      `时间：${p.time}`,
      `事由：${p.reason}`,
      // Rule L2 counts only group activities: for the others the count would be a false promise.
      p.counts ? `本年度已请假 ${p.used} 次，提交后还可请假 ${Math.max(0, p.remaining - 1)} 次。` : '这次活动的请假不计入每年的请假次数。',
      '确认提交请回复“是”，不提交请回复“否”。',
    ].join('\n'),
  confirmHelp: '回复“是”提交，回复“否”放弃。',
  yesNo: '请回复“是”提交，或“否”放弃。',
  submitted: (approvers: string, body: string) => `请假申请已提交，等待${approvers || body}审批，结果会通知您。`,
  notSubmitted: '好的，这次请假没有提交。',
  refusals: {
    quota_reached: (used: number, max: number, contact: string) =>
      `您本年度已请假 ${used} 次，按规定每年最多请假 ${max} 次，不能再通过机器人请假；确有困难请直接联系${contact}。`,
    already_started: '这次活动已经开始，不能再请假了；如有特殊情况请联系本组组长。',
    cancelled: '这次活动已取消，不需要请假。',
    already_requested: (status: string) => `您已经为这次活动请过假（${status}），不用重复申请。发送“我的请假”可以查看。`,
    already_withdrawn: '您撤回过这次活动的请假，每次活动只能书面请假一次；确有困难请直接联系本组组长。',
    not_invited: '您不在这次活动的参加人员中，不需要请假。',
  },
  status: { pending: '待审批', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' } as Record<string, string>,
  /** What each step's answer is called, for a kept draft (继续). */
  labels: { activity: '活动', reason: '请假事由' },
  myLeavesTitle: (year: number, used: number, max: number) => `您 ${year} 年的请假记录（已用 ${used} 次，每年最多 ${max} 次）：`,
  myLeavesNone: (year: number) => `您 ${year} 年还没有请过假。`,
  // Deciding from the approval card.
  decidedForApprover: (status: string, name: string) => `已${status}${name}的请假申请，已通知本人。`,
  alreadyDecided: (by: string, status: string, at: string) => `这条请假已由${by}于${at}${status}，无需再处理。`,
  alreadyWithdrawn: (requester: string, at: string) => `${requester}已于${at}撤回这条请假申请，无需再处理。`,
  notAllowed: '您不是这个单位的组长、联络员或工作人员，不能审批这条请假；请联系本组组长处理。',
  ownLeave: '不能审批自己的请假申请，请等待组长或联络员处理。',
  leaveNotFound: '找不到这条请假申请，可能已被删除。',
  outcomeToRequester: (status: string, activity: string, by: string, note?: string) =>
    `您为“${activity}”提交的请假申请已被${by}${status}。${note ? `\n理由：${note}` : ''}`,
  cardSettled: (status: string, by: string) => `已${status}（${by}）`,
  /** To the approvers when their cards cannot be updated (code spent or expired). */
  decidedForApprovers: (requester: string, by: string, status: string) => `${requester}的请假申请已由${by}${status}。`,
  // 驳回: a short reason, asked in private chat.
  askRejectReason: (requester: string, activity: string) =>
    `驳回${requester}为“${activity}”提交的请假申请。请简要说明驳回理由（2–100 字），或回复“无”。`,
  rejectReasonHelp: '写一句话说明驳回的原因（2 到 100 个字），会转告申请人；不说明理由请回复“无”。',
  rejectReasonTooShort: '理由至少 2 个字；不说明理由请回复“无”。',
  rejectReasonExample: '事由不够具体，请补充后再申请',
  rejectReasonTooLong: '理由最多 100 个字，请精简后再发。',
  // Reminders to the approvers while a request waits.
  approvalReminder: (requester: string, activity: string, time: string) =>
    `提醒：${requester}为“${activity}”（${time}）提交的请假申请还在等待审批，请在审批卡片上批准或驳回。`,
  approvalReminderBefore: (requester: string, activity: string, time: string) =>
    `“${activity}”将于${time}开始，${requester}的请假申请还没有审批，请尽快在审批卡片上批准或驳回。`,
  // 撤回请假 (rules L2, L5): the requester comes after all.
  withdrawNone: '您现在没有可以撤回的请假（待审批或已批准、活动还没结束的请假才能撤回）。',
  withdrawPick: (list: string) => `要撤回哪次活动的请假？请回复序号：\n${list}`,
  withdrawConfirm: (activity: string, time: string, status: string) =>
    `撤回“${activity}”（${time}）的请假（${status}）？撤回后记为参加。确认请回复“是”，不撤回请回复“否”。`,
  withdrawConfirmHelp: '回复“是”撤回请假并记为参加，回复“否”保留请假。',
  withdrawYesNo: '请回复“是”撤回请假，或“否”保留请假。',
  withdrawKept: '好的，请假保留不变。',
  withdrawn: (activity: string, counts: boolean, remaining: number) =>
    `已撤回“${activity}”的请假，已记为参加。` + (counts ? `本年度还可请假 ${remaining} 次。` : ''),
  nothingToWithdraw: (activity: string) => `“${activity}”没有可以撤回的请假。`,
  cardWithdrawn: '申请人已撤回',
  withdrawnForApprovers: (requester: string, activity: string, wasApproved: boolean) =>
    `${requester}已撤回“${activity}”的请假${wasApproved ? '（原已批准）' : '申请'}，将参加活动。`,
} as const;
