// 我的履职 and 履职 张三 (rules P1, P4): the performance record in a few lines, privately (it is
// about one person). Who may see whose is decided by the service.
import type { Command } from '../../bot/router.ts';
import { recordFor } from '../../services/records/performance-service.ts';
import { replyList } from '../suggestion-office/glue.ts';

async function answer(ctx: Parameters<Command['run']>[0], query: string): Promise<void> {
  const result = await recordFor(ctx.deps.db, ctx.actor, query, ctx.deps.clock.now());
  await replyList(ctx, result.ok ? result.text : result.message);
}

export const myRecordCommand: Command = {
  name: '我的履职',
  aliases: ['履职情况', '我的履职档案'],
  summary: '查看本人今年的履职情况和“六个一”还差什么',
  audience: 'everyone',
  run: (ctx) => answer(ctx, ''),
};

export const recordOfCommand: Command = {
  name: '履职',
  aliases: ['履职档案'],
  summary: '查看本组（站）代表的履职情况（履职 姓名）',
  audience: 'unit_lead',
  run: (ctx, args) => answer(ctx, args),
};
