// 代签 (staff sign in another deputy, recorded as such in the audit trail) and 签到情况
// (present / on leave / not yet signed in) for a unit's leads, liaison and office staff (A6).
import type { BotContext } from '../../bot/context.ts';
import type { Command } from '../../bot/router.ts';
import { attendanceSheet, findInviteesByName } from '../../repositories/attendance-repo.ts';
import { openKeptActivities, proxySignIn } from '../../services/attendance/proxy-sign-in.ts';
import { parseChoice } from '../parse/choice.ts';
import { formatDateTime, formatTime } from '../parse/datetime.ts';
import { signInMessages as m } from './messages.ts';

/** Activities open for sign-in now, of the units this person keeps (all for office staff). */
function openKept(ctx: BotContext) {
  return openKeptActivities(ctx.deps, ctx.orgId, ctx.actor);
}

export const proxySignInCommand: Command = {
  name: '代签',
  summary: '为到场但不方便操作的代表代为签到，例如“代签 张三”',
  audience: 'unit_lead',
  async run(ctx, args) {
    const [name, choice] = args.split(/\s+/).filter(Boolean);
    if (!name) return void (await ctx.reply(m.proxyUsage));
    const open = await openKept(ctx);
    if (open.length === 0) return void (await ctx.reply(m.proxyNothingOpen));
    const index = open.length === 1 ? 1 : choice ? parseChoice(choice, open.length) : undefined;
    if (index === undefined) {
      return void (await ctx.reply(m.proxyChooseActivity(open.map((a, i) => `${i + 1}. ${formatDateTime(a.startAt)} ${a.title}`).join('\n'))));
    }
    const activity = open[index - 1]!;
    const matches = await findInviteesByName(ctx.deps.db, activity.id, name);
    // These two repeat the typed name: in a group they go to the sender privately.
    if (matches.length === 0) return void (await ctx.replyPrivately(m.proxyNoSuchPerson(name, activity.title)));
    if (matches.length > 1) return void (await ctx.replyPrivately(m.proxySamename(name)));
    const target = matches[0]!;
    const result = await proxySignIn(ctx.deps, { orgId: ctx.orgId, channel: ctx.event.channel, actor: ctx.actor, activityId: activity.id, personId: target.id });
    await ctx.reply(result.ok ? m.proxyDone(result.name, result.title, formatTime(result.at)) : result.message);
  },
};

export const attendanceSheetCommand: Command = {
  name: '签到情况',
  aliases: ['考勤情况', '谁没签到'],
  summary: '查看正在进行的活动谁已签到、谁请假、谁未到',
  audience: 'unit_lead',
  async run(ctx) {
    const open = await openKept(ctx);
    if (open.length === 0) return void (await ctx.reply(m.sheetNothing));
    for (const activity of open) {
      const sheet = await attendanceSheet(ctx.deps.db, activity.id);
      const named = (pick: (state: string) => boolean) => sheet.filter((r) => pick(r.state)).map((r) => r.person.name);
      await ctx.reply(m.sheet({
        title: activity.title,
        present: named((s) => s === 'present'),
        leave: named((s) => s === 'on_leave'), // rule L5: approved leave only
        missing: named((s) => s !== 'present' && s !== 'on_leave'),
      }));
    }
  },
};
