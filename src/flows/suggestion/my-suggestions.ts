// 我的建议 (rules S1, S3, S6): the deputy's suggestions with status, the deadline that
// applies, the latest answer and its rating, and this year's count against the target.
import type { Command } from '../../bot/router.ts';
import { mySuggestionsText } from '../../services/suggestions/overview-service.ts';
import { depsOf, replyList } from '../suggestion-office/glue.ts';

export const mySuggestionsCommand: Command = {
  name: '我的建议',
  aliases: ['建议记录', '查建议'],
  summary: '查看您提交的建议、办理进度、答复和今年的件数',
  audience: 'deputy',
  async run(ctx) {
    await replyList(ctx, await mySuggestionsText(depsOf(ctx), ctx.orgId, ctx.actor.id));
  },
};
