// One-line commands on suggestions (rules S1–S6) for office staff and departments' handlers:
// 建议列表, 登记, 交办, 签收, 合并, 办结. Each hands its words to a service and says the
// service's one sentence; who may do what is decided there. 交办 without a number is still
// the reception register's 交办 dialog (rule R4).
import type { BotContext } from '../../bot/context.ts';
import type { Command } from '../../bot/router.ts';
import { parseStatus, STATUS_LABEL } from '../../domain/suggestions/lifecycle.ts';
import { splitNumber } from '../../domain/suggestions/numbers.ts';
import { acceptSuggestion, assignSuggestion } from '../../services/suggestions/assign-service.ts';
import { overviewText, suggestionListText } from '../../services/suggestions/overview-service.ts';
import { closeSuggestion, mergeSuggestion, registerSuggestion } from '../../services/suggestions/review-service.ts';
import type { Outcome } from '../../services/suggestions/step.ts';
import { actingOf, depsOf, numberArg, replyList } from './glue.ts';
import { officeMessages as m } from './messages.ts';

const say = (ctx: BotContext, outcome: Outcome | { message: string }) => ctx.reply(outcome.message).then(() => undefined);

/** `交办 2026-建-0007 县住建局 协办 县交通运输局、县财政局` → lead and co-handlers. */
export function parseDepartments(rest: string): { lead: string; co: string[] } {
  const words = rest.split(/[\s、,，;；]+/u).filter(Boolean);
  const split = words.indexOf('协办');
  const main = split < 0 ? words : words.slice(0, split);
  const co = [...main.slice(1), ...(split < 0 ? [] : words.slice(split + 1))].map((w) => w.replace(/^(?:主办|协办)/u, ''));
  return { lead: (main[0] ?? '').replace(/^主办/u, ''), co: co.filter(Boolean) };
}

export function suggestionAssignCommand(receptionAssign: (ctx: BotContext, args: string) => Promise<void>): Command {
  return {
    name: '交办',
    aliases: ['交办事项'],
    summary: '交办代表建议（交办 编号 部门）或接待登记的问题（只发“交办”）',
    audience: 'office',
    async run(ctx, args) {
      if (!splitNumber(args).number && !/\d{4}/.test(args)) return receptionAssign(ctx, args);
      const n = numberArg(args, m.assignExample);
      if (!n.ok) return say(ctx, n);
      await say(ctx, await assignSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, n.number, parseDepartments(n.rest)));
    },
  };
}

/** 建议列表 [状态 | 逾期]. */
export const suggestionListCommand: Command = {
  name: '建议列表',
  aliases: ['建议清单', '代表建议'],
  summary: '按状态查看代表建议，逾期的在前（建议列表 逾期 / 建议列表 交办）',
  audience: 'everyone',
  async run(ctx, args) {
    const word = args.trim();
    const overdue = word === '逾期';
    const status = overdue || !word ? undefined : parseStatus(word);
    if (word && !overdue && !status) return void (await ctx.replyPrivately(overviewText.badFilter));
    const filter = { query: { overdueOnly: overdue, statuses: status ? [status] : undefined }, label: overdue ? '逾期' : status ? STATUS_LABEL[status] : '' };
    await replyList(ctx, await suggestionListText(depsOf(ctx), actingOf(ctx), ctx.orgId, filter));
  },
};

function numbered(name: string, summary: string, audience: Command['audience'], example: string, run: (ctx: BotContext, number: string, rest: string) => Promise<Outcome>): Command {
  return {
    name, summary, audience, inHelp: false,
    async run(ctx, args) {
      const n = numberArg(args, example);
      await say(ctx, n.ok ? await run(ctx, n.number, n.rest) : n);
    },
  };
}

export const officeSuggestionCommands: Command[] = [
  numbered('登记', '登记代表建议（登记 编号）', 'office', '登记 2026-建-0007', (ctx, number) =>
    registerSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, number)),
  numbered('签收', '承办单位签收交办的建议（签收 编号）', 'everyone', '签收 2026-建-0007', (ctx, number) =>
    acceptSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, number)),
  numbered('合并', '把内容相近的建议并入另一件（合并 编号 到 编号）', 'office', '合并 2026-建-0008 到 2026-建-0007', async (ctx, number, rest) => {
    const into = splitNumber(rest.replace(/^(?:到|并入|至)\s*/u, '')).number;
    return into ? mergeSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, number, into) : { ok: false, message: m.mergeUsage(number) };
  }),
  numbered('办结', '代表评价后办结建议（办结 编号）', 'office', '办结 2026-建-0007', (ctx, number) =>
    closeSuggestion(depsOf(ctx), actingOf(ctx), ctx.orgId, number)),
];
