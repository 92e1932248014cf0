// The command and card-action registry, and the flows commands start. Each feature adds its
// commands here.
import { accountFlow } from '../../flows/account/account.flow.ts';
import { refusal } from '../../flows/activity/access.ts';
import { cancelFlow } from '../../flows/activity/cancel.flow.ts';
import { editFlow } from '../../flows/activity/edit.flow.ts';
import { publishFlow } from '../../flows/activity/publish.flow.ts';
import { didYouMeanFlow } from '../../flows/did-you-mean.flow.ts';
import { FlowEngine } from '../../flows/engine.ts';
import { approveLeaveAction, myLeavesCommand } from '../../flows/leave/leave-actions.ts';
import { leaveFlow } from '../../flows/leave/leave.flow.ts';
import { rejectLeaveFlow } from '../../flows/leave/reject.flow.ts';
import { withdrawLeaveFlow } from '../../flows/leave/withdraw.flow.ts';
import { attendAction } from '../../flows/notices/rsvp-action.ts';
import { registerFlow } from '../../flows/register/register.flow.ts';
import { answerFlow } from '../../flows/register/answer.flow.ts';
import { assignFlow } from '../../flows/register/assign.flow.ts';
import { departmentCommand } from '../../flows/register/department-command.ts';
import { attendanceSheetCommand, proxySignInCommand } from '../../flows/signin/signin-commands.ts';
import { signInFlow } from '../../flows/signin/signin.flow.ts';
import { mySuggestionsCommand } from '../../flows/suggestion/my-suggestions.ts';
import { suggestionFlow } from '../../flows/suggestion/suggestion.flow.ts';
import { ratingActions } from '../../flows/suggestion/rating-actions.ts';
import { suggestionAnswerFlow } from '../../flows/suggestion-office/answer.flow.ts';
import { officeSuggestionCommands, suggestionAssignCommand, suggestionListCommand } from '../../flows/suggestion-office/commands.ts';
import { suggestionExtendFlow } from '../../flows/suggestion-office/extend.flow.ts';
import { suggestionReturnFlow } from '../../flows/suggestion-office/return.flow.ts';
import { suggestionTalkFlow } from '../../flows/suggestion-office/talk.flow.ts';
import { cosignAction, myMotionsCommand } from '../../flows/motion/motion-actions.ts';
import { confirmFormAction } from '../../flows/registers/activity-form-action.ts';
import { motionFlow } from '../../flows/motion/motion.flow.ts';
import { withdrawMotionFlow } from '../../flows/motion/withdraw.flow.ts';
import { diaryFlow } from '../../flows/records/diary.flow.ts';
import { entryFlow } from '../../flows/records/entry.flow.ts';
import { myRecordCommand, recordOfCommand } from '../../flows/records/record-commands.ts';
import { annualReportFlow } from '../../flows/report-back/annual-report.flow.ts';
import { ballotCommands, voteAction } from '../../flows/report-back/ballot-actions.ts';
import type { AnyFlow } from '../../flows/types.ts';
import type { Audience } from '../../domain/roles.ts';
import { Router, type CardAction, type Command } from '../router.ts';
import { contactsAction, contactsCommand } from './contacts.ts';
import { exportCommand } from './export.ts';
import { helpCommand, helpMenuAction } from './help.ts';
import { whoamiAction, whoamiCommand } from './whoami.ts';

export interface Bot {
  router: Router;
  flows: FlowEngine;
}

export interface BotOptions {
  /** Rule E3: the server's vote secret; without it voting cards are refused with a sentence. */
  voteSecret?: string;
}

export function createBot(options: BotOptions = {}): Bot {
  const commands: Command[] = [];
  const all = () => commands;
  const flows: AnyFlow[] = [leaveFlow, signInFlow, suggestionFlow, rejectLeaveFlow, withdrawLeaveFlow, publishFlow, editFlow, cancelFlow, accountFlow, registerFlow, assignFlow, answerFlow,
    suggestionAnswerFlow, suggestionTalkFlow, suggestionExtendFlow, suggestionReturnFlow, motionFlow, withdrawMotionFlow, didYouMeanFlow,
    entryFlow, diaryFlow, annualReportFlow];
  let engine: FlowEngine | undefined;
  const keptHint = (ctx: Parameters<FlowEngine['resume']>[0]) => engine!.kept.hint(ctx);
  const startFlow = (flow: string, name: string, aliases: string[], summary: string, audience: Audience): Command => ({
    name, aliases, summary, audience, flow,
    run: (ctx, args) => engine!.start(ctx, flow, args),
  });
  // Rule U5: someone who may not manage activities hears who can, by name.
  const activityFlow = (flow: string, name: string, aliases: string[], summary: string, verb: string): Command => ({
    ...startFlow(flow, name, aliases, summary, 'unit_lead'),
    refuse: async (ctx) => void (await ctx.reply(await refusal(ctx, verb))),
  });
  commands.push(
    startFlow('leave', '请假', ['我要请假', '请个假', '请假申请'], '为活动请假（书面说明事由）', 'deputy'),
    myLeavesCommand,
    startFlow('leave-withdraw', '撤回请假', ['取消请假', '撤销请假'], '撤回待审批或已批准的请假，改为参加', 'deputy'),
    startFlow('signin', '签到', ['我要签到', '签个到', '报到'], '活动现场签到', 'deputy'),
    proxySignInCommand,
    attendanceSheetCommand,
    startFlow('suggestion', '提建议', ['建议', '反映问题', '意见', '提意见', '批评'], '提交建议、批评和意见', 'deputy'),
    mySuggestionsCommand,
    // Rules R3, R4, R6: station deputies and staff record visitors; begin() refuses others.
    startFlow('register', '接待登记', ['登记来访', '来访登记'], '接待选民时登记来访者和反映的问题（单聊）', 'everyone'),
    // Rules R4, R5, R6: office staff assign reception issues and record the answers (private chat);
    // 交办 with a suggestion's number assigns the suggestion (rule S1).
    suggestionAssignCommand((ctx, args) => engine!.start(ctx, 'register-assign', args)),
    startFlow('register-answer', '答复登记', ['登记答复'], '登记交办事项的答复情况和来访群众满意度', 'office'),
    departmentCommand,
    // Rules S1–S6: suggestions through to the deputy's rating, and motions with co-signers (S5).
    suggestionListCommand,
    ...officeSuggestionCommands,
    { ...startFlow('suggestion-answer', '答复', [], '登记建议的答复（答复 编号）', 'everyone'), inHelp: false },
    { ...startFlow('suggestion-talk', '面商', [], '登记与代表面商（面商 编号）', 'everyone'), inHelp: false },
    { ...startFlow('suggestion-extend', '延期', ['申请延期'], '建议延期：承办单位申请，工作人员批准（延期 编号）', 'everyone'), inHelp: false },
    { ...startFlow('suggestion-return', '退回', [], '把建议退回代表并说明理由（退回 编号 理由）', 'office'), inHelp: false },
    startFlow('motion', '提议案', ['提出议案'], '提出议案，邀请代表联名附议', 'deputy'),
    myMotionsCommand,
    { ...startFlow('motion-withdraw', '撤回议案', [], '撤回尚未提交的议案', 'deputy'), inHelp: false },
    activityFlow('publish', '发布活动', ['发通知', '发布通知'], '发布本组（站）活动，按规定提前通知全体成员', '发布'),
    activityFlow('activity-edit', '修改活动', [], '修改已发布活动的时间、地点、内容或标题', '修改'),
    activityFlow('activity-cancel', '取消活动', [], '取消已发布的活动并通知已收到通知的人', '取消'),
    // Rules P1, P3, P4: the performance record, entries added by chat, the people's-condition diary.
    myRecordCommand,
    recordOfCommand,
    startFlow('record-entry', '履职记录', ['记履职', '添加履职记录'], '记一条履职记录：办实事、走访、帮扶困难户等（可附照片）', 'deputy'),
    startFlow('diary', '民情日记', ['写民情日记', '记民情日记'], '记一篇民情日记（须选民签字确认，单聊）', 'deputy'),
    // Rules E1–E3: the written annual report, and the organiser's side of the evaluation.
    startFlow('annual-report', '述职报告', ['提交述职报告', '书面述职'], '提交本年度书面述职报告（正文或文件）', 'deputy'),
    ...ballotCommands(options.voteSecret),
    startFlow('account', '填写纪要', ['活动纪要', '情况报告'], '活动结束后填写情况报告', 'unit_lead'),
    exportCommand, // registers as files (导出 考勤簿 本季度)
    whoamiCommand,
    contactsCommand,
    helpCommand(all, keptHint),
  );
  const actions: CardAction[] = [
    whoamiAction,
    contactsAction,
    helpMenuAction(all, keptHint),
    approveLeaveAction,
    // 驳回 asks the approver for a reason first (reject.flow.ts).
    { action: 'leave.reject', argument: 'id', run: (ctx, leaveId) => engine!.start(ctx, 'leave-reject', leaveId ?? '') },
    attendAction,
    ...ratingActions,
    cosignAction,
    voteAction(options.voteSecret),
    confirmFormAction, // rule A5: a group leader confirms the quarterly activity form
    // The notice card's 请假 button (activities issue) starts the leave flow for its activity.
    { action: 'leave.start', argument: 'id', run: (ctx, activityId) => engine!.start(ctx, 'leave', activityId ?? '') },
    // 撤回请假 on a notice or change card (rules L5, A6) starts the withdrawal for its activity.
    { action: 'leave.withdraw', argument: 'id', run: (ctx, activityId) => engine!.start(ctx, 'leave-withdraw', activityId ?? '') },
  ];
  const router = new Router(commands, actions);
  engine = new FlowEngine(flows, (text) => {
    const match = router.matchText(text);
    return match && { flow: match.command.flow, args: match.args };
  });
  return { router, flows: engine };
}
