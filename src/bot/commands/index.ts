// The command and card-action registry, and the flows commands start. Each feature adds its
// commands here.
import { FlowEngine } from '../../flows/engine.ts';
import { approveLeaveAction, myLeavesCommand, rejectLeaveAction } from '../../flows/leave/leave-actions.ts';
import { leaveFlow } from '../../flows/leave/leave.flow.ts';
import { attendAction } from '../../flows/notices/rsvp-action.ts';
import { attendanceSheetCommand, proxySignInCommand } from '../../flows/signin/signin-commands.ts';
import { signInFlow } from '../../flows/signin/signin.flow.ts';
import { mySuggestionsCommand } from '../../flows/suggestion/my-suggestions.ts';
import { suggestionFlow } from '../../flows/suggestion/suggestion.flow.ts';
import type { AnyFlow } from '../../flows/types.ts';
import type { Audience } from '../../domain/roles.ts';
import { Router, type CardAction, type Command } from '../router.ts';
import { contactsAction, contactsCommand } from './contacts.ts';
import { helpCommand, helpMenuAction } from './help.ts';
import { whoamiAction, whoamiCommand } from './whoami.ts';

export interface Bot {
  router: Router;
  flows: FlowEngine;
}

export function createBot(): Bot {
  const commands: Command[] = [];
  const all = () => commands;
  const flows: AnyFlow[] = [leaveFlow, signInFlow, suggestionFlow];
  let engine: FlowEngine | undefined;
  const startFlow = (flow: string, name: string, aliases: string[], summary: string, audience: Audience): Command => ({
    name, aliases, summary, audience, flow,
    run: (ctx, args) => engine!.start(ctx, flow, args),
  });
  commands.push(
    startFlow('leave', '请假', ['我要请假', '请个假', '请假申请'], '为活动请假（书面说明事由）', 'deputy'),
    myLeavesCommand,
    startFlow('signin', '签到', ['我要签到', '签个到', '报到'], '活动现场签到', 'deputy'),
    proxySignInCommand,
    attendanceSheetCommand,
    startFlow('suggestion', '提建议', ['建议', '反映问题', '意见', '提意见', '批评'], '提交建议、批评和意见', 'deputy'),
    mySuggestionsCommand,
    whoamiCommand,
    contactsCommand,
    helpCommand(all),
  );
  const actions: CardAction[] = [
    whoamiAction,
    contactsAction,
    helpMenuAction(all),
    approveLeaveAction,
    rejectLeaveAction,
    attendAction,
    // The notice card's 请假 button (activities issue) starts the leave flow for its activity.
    { action: 'leave.start', run: (ctx, activityId) => engine!.start(ctx, 'leave', activityId ?? '') },
  ];
  const router = new Router(commands, actions);
  engine = new FlowEngine(flows, (text) => {
    const match = router.matchText(text);
    return match && { flow: match.command.flow, args: match.args };
  });
  return { router, flows: engine };
}
