// The console's words (Chinese). Bodies' names come from the policy, never from here.
export const consoleText = {
  appName: '履职助手 · 工作台',
  notOnRoster: '您不在本单位的代表名册中，无法使用工作台；如有疑问，请联系办公室工作人员。',
  wrongRole: '这一页只对代表小组组长、联络站站长和联络员以及办公室工作人员开放。',
  officeOnly: '这一页只对办公室工作人员开放。',
  signInFirst: '请先登录工作台。',
  badToken: '页面已过期，请返回上一页刷新后再试。',
  sessionEnded: '登录已过期，请重新打开工作台。',
  noApp: '本单位的企业微信或钉钉应用还没有登记，工作台暂时无法登录，请联系系统管理员。',
  unknownOrg: '没有找到这个单位，请从本单位的企业微信或钉钉工作台重新打开。',
  loopbackOnly: '本地模式的工作台只能在本机打开。',
  oauthFailed: '企业微信登录没有成功，请从企业微信工作台重新打开。',
  dingtalkFailed: '钉钉登录没有成功，请从钉钉工作台重新打开。',
  chooseTitle: '登录工作台',
  chooseHint: '请选择您使用的办公软件登录：',
  pickTitle: '选择一位示范人员登录（本地模式）',
  pickHint: '本地模式没有企业微信登录：选一位示范人员，以他的身份使用工作台。',
  wecomSignIn: '用企业微信登录',
  dingtalkSignIn: '用钉钉登录',
  signOut: '退出',
  signedOut: '您已退出工作台。需要时从企业微信工作台再次打开即可。',
  signedInAs: (name: string) => `${name}，您好`,
  assumedYear: (year: number) => `${year} 年的节假日安排尚未录入，日期暂按周末休息计算；请在「日历」页录入放假和调休。`,
  notFound: '没有找到这一项，可能已被删除，或不属于您管理的单位。',
  calendarView: {
    title: (year: number, month: number) => `活动日历 ${year}年${month}月`,
    previous: '上月',
    next: '下月',
    thisMonth: '本月',
    asList: '按列表查看',
    asCalendar: '按月历查看',
    badMonth: '月份格式不对，已显示本月；请用页面上的“上月”“下月”翻看。',
    truncated: '本月活动太多，只显示了前 500 个；请按单位在列表中查看其余的。',
    empty: '这个月没有活动，也没有接待选民日。',
    off: '放假',
    makeup: '调休上班',
    reception: '接待选民日',
    cancelled: '已取消',
  },
  suggestion: {
    pickDecision: '请选择“批准延期”或“不批准”。',
    overdue: (days: number) => `已逾期 ${days} 天`,
    dueToday: '今天到期',
    daysLeft: (days: number) => `还有 ${days} 天`,
    noDeadline: '当前没有待办期限。',
    history: '办理经过',
    answers: '答复',
    noAnswers: '还没有答复。',
    rating: (r: string | null) => (r ? `代表评价：${r}` : '代表尚未评价'),
    pending: (department: string, until: string, reason: string) => `${department || '承办单位'}申请将答复期限延至 ${until}，理由：${reason}`,
    noDepartments: '还没有登记承办部门；请先在对话中发送“部门 添加 名称”登记。',
    commandLine: '命令行',
  },
  nav: {
    today: '今日', leave: '请假', activities: '活动', roster: '名册', stations: '联络站', calendar: '日历',
    settings: '设置', outbox: '消息', reception: '接待', suggestions: '建议', registers: '台帐',
  },
} as const;

export const NOTICE_KIND_LABEL: Record<string, string> = {
  notice: '活动通知', staff: '值班安排通知', reminder: '未回复提醒', dayof: '当天提醒', committee: '报告提醒', summary: '活动结束：考勤和报告草稿',
};

export function noticeKindLabel(kind: string, leadDays?: number): string {
  const [base, days] = kind.split(':');
  const lead = leadDays ?? (days ? Number(days) : undefined);
  const label = NOTICE_KIND_LABEL[base!] ?? '通知';
  return base === 'notice' && lead ? `${label}（提前 ${lead} 天）` : label;
}

export const NOTICE_STATUS_LABEL: Record<string, string> = { planned: '待发', queued: '发送中', sent: '已发', dropped: '已撤回', missed: '错过', skipped: '跳过' };
export const LEAVE_STATUS_LABEL: Record<string, string> = { pending: '待审批', approved: '已批准', rejected: '已驳回', withdrawn: '已撤回' };
export const ATTENDANCE_LABEL: Record<string, string> = {
  invited: '未回复', attending: '参加', leave_pending: '请假待批', on_leave: '请假', leave_rejected: '请假未批', present: '已签到',
};

/** The policy's fields in words; a field added to the schema without a label shows its key. */
export const POLICY_LABEL: Record<string, string> = {
  supervisingBody: '指导代表小组和联络站的机构名称',
  leavesPerYear: '每位代表每年可请假次数',
  signInOpensMinutesBefore: '活动开始前多少分钟开放签到',
  dialogTimeoutMinutes: '对话多少分钟无回复即结束',
  dialogMaxInvalid: '连续几次无效回答后结束对话',
  leaveReasonMin: '请假事由最少字数',
  leaveReasonMax: '请假事由最多字数',
  suggestionAssignDays: '建议交办期限（闭会后天数）',
  suggestionAnswerMonths: '建议答复期限（交办后月数）',
  suggestionExtensionsAllowed: '建议可延期次数',
  suggestionExtensionMaxMonths: '每次延期最长月数',
  suggestionRedoMonths: '不满意后重新办理期限（月）',
  suggestionAssignRemindDays: '交办期限前几天提醒',
  suggestionAnswerRemindDays: '答复期限前几天提醒',
  suggestionOverdueWeekday: '每周哪天发逾期建议清单（1 = 周一）',
  suggestionsPerDeputyYear: '每位代表每年建议数目标',
  suggestionsPerGroupYear: '每个代表小组每年建议或报告数目标',
  annualTargetReminderMonth: '从几月起提醒未达目标者',
  motionMinSigners: '议案最少联名人数',
};
