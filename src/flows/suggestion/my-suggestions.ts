// 我的建议: the person's suggestions with their numbers and status.
import type { Command } from '../../bot/router.ts';
import { SUGGESTION_STATUS_LABEL } from '../../domain/suggestion-rules.ts';
import { listForPerson } from '../../repositories/suggestion-repo.ts';
import { formatDate } from '../parse/datetime.ts';
import { suggestionMessages as m } from './messages.ts';

export const mySuggestionsCommand: Command = {
  name: '我的建议',
  aliases: ['建议记录', '查建议'],
  summary: '查看您提交的建议、批评和意见及办理状态',
  audience: 'deputy',
  async run(ctx) {
    const rows = await listForPerson(ctx.deps.db, ctx.orgId, ctx.actor.id);
    if (rows.length === 0) return void (await ctx.replyPrivately(m.mineNone));
    const lines = rows.map((r) => `${r.number} ${r.title}（${formatDate(r.createdAt)}，${SUGGESTION_STATUS_LABEL[r.status] ?? r.status}）`);
    await ctx.replyPrivately([m.mineTitle, ...lines].join('\n'));
  },
};
