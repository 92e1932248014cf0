// 导出 考勤簿 本季度: office staff and unit leaders get a register as a file (the rules, the
// wording and the work are in services/registers; this only wires the chat to them).
import { requestChatExport, whomToAsk } from '../../services/registers/chat-export.ts';
import type { Command } from '../router.ts';

export const exportCommand: Command = {
  name: '导出',
  aliases: ['导出台帐', '导出台账'],
  summary: '导出台帐文件，例如“导出 考勤簿 本季度”',
  audience: 'unit_lead',
  async run(ctx, args) {
    const reply = await requestChatExport(
      { db: ctx.deps.db, now: ctx.deps.clock.now(), onRequested: ctx.deps.onDueNow },
      { person: ctx.actor, channel: ctx.event.channel, sourceKey: `chat:${ctx.row.channel}:${ctx.row.id}`, args, inGroup: ctx.inGroup },
    );
    await ctx.reply(reply);
  },
  // Rule U5: someone who may not export hears whom to ask, by name.
  refuse: async (ctx) => void (await ctx.reply(await whomToAsk(ctx.deps.db, ctx.actor))),
};
