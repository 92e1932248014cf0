// What a conflicting attendance action is told (rules A6, L5): one sentence saying what is
// already recorded and what to do instead. The same sentence whatever door the action came
// through (a card button, a chat command, a console page later).
import type { AttendanceAction, AttendanceState } from '../../domain/attendance-state.ts';

export interface ConflictContext {
  title: string;
  /** The sign-in time, when present ("10:05"). */
  signedInAt?: string;
  /** For 代签: whose attendance it is. */
  name?: string;
}

const WITHDRAW = '发送“撤回请假”';

/** How a state reads on a card and in a sentence. */
export const stateLabel: Record<AttendanceState, string> = {
  invited: '未回复',
  attending: '参加',
  leave_pending: '请假（待审批）',
  on_leave: '请假（已批准）',
  leave_rejected: '请假未获批准',
  present: '已签到',
};

type Sentence = (c: ConflictContext) => string;

const OWN: Partial<Record<AttendanceAction, Partial<Record<AttendanceState, Sentence>>>> = {
  attend: {
    leave_pending: (c) => `您已为“${c.title}”申请请假，正在等待审批；如要参加，请先撤回请假（${WITHDRAW}或点卡片上的“撤回请假”）。`,
    on_leave: (c) => `您已为“${c.title}”请假并获批准；如要参加，请先撤回请假（${WITHDRAW}或点卡片上的“撤回请假”）。`,
    present: (c) => `您已于 ${c.signedInAt} 签到“${c.title}”，不用再回复。`,
  },
  request_leave: {
    leave_pending: () => '您已经为这次活动请过假（待审批），不用重复申请。发送“我的请假”可以查看。',
    on_leave: () => '您已经为这次活动请过假（已批准），不用重复申请。发送“我的请假”可以查看。',
    leave_rejected: (c) => `您为“${c.title}”的请假已被驳回，请按时参加；确有困难请直接联系审批人。`,
    present: (c) => `您已于 ${c.signedInAt} 签到“${c.title}”，不能再请假。`,
  },
  withdraw_leave: {
    invited: (c) => `您没有为“${c.title}”请假，不需要撤回。`,
    attending: (c) => `您没有为“${c.title}”请假（已记为参加），不需要撤回。`,
    leave_rejected: (c) => `您为“${c.title}”的请假已被驳回，没有可以撤回的请假，请按时参加。`,
    present: (c) => `您已签到“${c.title}”，没有可以撤回的请假。`,
  },
  sign_in: {
    leave_pending: (c) => `您已为“${c.title}”申请请假（待审批）；如已到场参加，请先${WITHDRAW}，再签到。`,
    on_leave: (c) => `您已为“${c.title}”请假并获批准；如已到场参加，请先${WITHDRAW}，再签到。`,
    present: (c) => `您已于 ${c.signedInAt} 签到“${c.title}”，不用重复签到。`,
  },
  proxy_sign_in: {
    leave_pending: (c) => `${c.name}已为“${c.title}”申请请假（待审批），不能代签；如本人已到场，请本人先${WITHDRAW}再签到。`,
    on_leave: (c) => `${c.name}已为“${c.title}”请假并获批准，不能代签；如本人已到场，请本人先${WITHDRAW}再签到。`,
    present: (c) => `${c.name}已于 ${c.signedInAt} 签到，无需代签。`,
  },
};

/** The sentence for an action the state does not allow. */
export function conflictMessage(action: AttendanceAction, state: AttendanceState, c: ConflictContext): string {
  const sentence = OWN[action]?.[state];
  if (sentence) return sentence(c);
  const whose = c.name ?? '您';
  return `${whose}在“${c.title}”的考勤记录已是“${stateLabel[state]}”，这次操作没有改变它。`;
}

export const attendanceMessages = {
  activityGone: '这个活动已取消或不存在了。',
  notInvited: '您不在这次活动的邀请名单中，无需回复。',
  tooLateToAnswer: (title: string) => `“${title}”已经开始，不能再修改回复了。`,
  ended: (title: string) => `“${title}”已经结束，考勤已定，不能再更改。`,
} as const;
