// Report-back evaluation by chat (rules E1–E3): the voting card's buttons, and the organiser's
// commands 开始评议 / 结束评议 / 评议情况 / 纸质票 with the ballot's number. The service decides
// who may do what; the answer to a vote never repeats the choice.
import type { BotContext } from '../../bot/context.ts';
import type { CardAction, Command } from '../../bot/router.ts';
import { closeVoting, enterPaperCount, castCardVote, openVoting, votingStatus, VOTE_ACTION, type BallotDeps } from '../../services/report-back/ballot-service.ts';
import { replyList } from '../suggestion-office/glue.ts';
import { ballotCommandMessages as m } from './messages.ts';

function depsOf(ctx: BotContext, voteSecret: string | undefined): BallotDeps {
  return { db: ctx.deps.db, outbound: ctx.deps.outbound, now: ctx.deps.clock.now(), voteSecret };
}

export function voteAction(voteSecret: string | undefined): CardAction {
  return {
    action: VOTE_ACTION,
    argument: 'token',
    async run(ctx, argument) {
      await ctx.replyPrivately(await castCardVote(depsOf(ctx, voteSecret), ctx.orgId, ctx.actor.id, argument!));
    },
  };
}

type Op = typeof openVoting;

function ballotCommand(name: string, summary: string, op: Op, voteSecret: string | undefined): Command {
  return {
    name,
    summary,
    audience: 'unit_lead',
    inHelp: false,
    async run(ctx, args) {
      const id = Number(args.trim());
      if (!/^[1-9]\d{0,9}$/.test(args.trim())) return void (await ctx.reply(m.needId(name)));
      const result = await op(depsOf(ctx, voteSecret), ctx.orgId, id, { person: ctx.actor });
      await replyList(ctx, result.message);
    },
  };
}

const PAPER = /^([1-9]\d{0,9})\s*满意\s*(\d{1,6})\s*基本满意\s*(\d{1,6})\s*不满意\s*(\d{1,6})$/;

export function ballotCommands(voteSecret: string | undefined): Command[] {
  return [
    ballotCommand('开始评议', '开始述职评议投票（开始评议 编号）', openVoting, voteSecret),
    ballotCommand('结束评议', '结束述职评议并公布结果（结束评议 编号）', closeVoting, voteSecret),
    ballotCommand('评议情况', '查看述职评议的投票人数（评议情况 编号）', votingStatus, voteSecret),
    {
      name: '纸质票',
      summary: '录入不在企业微信上的选民的纸质票数',
      audience: 'unit_lead',
      inHelp: false,
      async run(ctx, args) {
        const p = PAPER.exec(args.replace(/[，,：:]/g, ' ').trim());
        if (!p) return void (await ctx.reply(m.paperFormat));
        const counts = { 满意: Number(p[2]), 基本满意: Number(p[3]), 不满意: Number(p[4]) };
        const result = await enterPaperCount(depsOf(ctx, voteSecret), ctx.orgId, Number(p[1]), { person: ctx.actor }, counts);
        await ctx.reply(result.message);
      },
    },
  ];
}
