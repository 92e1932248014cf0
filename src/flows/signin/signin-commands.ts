// 代签 (staff sign in another deputy, recorded as such in the audit trail) and 签到情况
// (present / on leave / not yet signed in) for a unit's leads, liaison and office staff (A6).
import type { BotContext } from '../../bot/context.ts';
import type { Command } from '../../bot/router.ts';
import { isOfficeStaff, UNIT_LEAD_ROLES } from '../../domain/roles.ts';
import { attendanceSheet, findInviteesByName, findOpenActivities } from '../../repositories/attendance-repo.ts';
import { audit } from '../../repositories/audit-repo.ts';
import { signIn } from '../../services/attendance/attendance-service.ts';
import { reachPerson } from '../../services/audience.ts';
import { parseChoice } from '../parse/choice.ts';
import { formatDateTime, formatTime } from '../parse/datetime.ts';
import { signInMessages as m } from './messages.ts';

/** Units whose attendance this person keeps: the ones they lead, or all for office staff. */
function keptUnits(ctx: BotContext): number[] | 'all' {
  if (isOfficeStaff(ctx.actor)) return 'all';
  return ctx.actor.memberships.filter((x) => (UNIT_LEAD_ROLES as readonly string[]).includes(x.role)).map((x) => x.unit.id);
}

async function openKeptActivities(ctx: BotContext) {
  return findOpenActivities(ctx.deps.db, ctx.orgId, keptUnits(ctx), ctx.deps.clock.now());
}

export const proxySignInCommand: Command = {
  name: '代签',
  summary: '为到场但不方便操作的代表代为签到，例如“代签 张三”',
  audience: 'unit_lead',
  async run(ctx, args) {
    const [name, choice] = args.split(/\s+/).filter(Boolean);
    if (!name) return void (await ctx.reply(m.proxyUsage));
    const open = await openKeptActivities(ctx);
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
    const now = ctx.deps.clock.now();
    // Rules A6, L5: already present, or on a pending or approved leave, is said, not overwritten.
    const result = await signIn(ctx.deps.db, { orgId: ctx.orgId, activity, personId: target.id, at: now, proxy: { byId: ctx.actor.id, name: target.name } });
    if (!result.ok) return void (await ctx.reply(result.message));
    const record = { id: result.recordId };
    await audit(ctx.deps.db, { orgId: ctx.orgId, actorId: ctx.actor.id, action: 'attendance.proxy', subject: `attendance:${record.id}`, detail: { activityId: activity.id, personId: target.id } });
    await ctx.reply(m.proxyDone(target.name, activity.title, formatTime(now)));
    // The person signed in is told on their own platform, not necessarily the proxy's.
    const reached = await reachPerson(ctx.deps.db, ctx.orgId, target.id);
    if (reached) {
      await ctx.deps.outbound.send(ctx.orgId, reached.channel, [
        { key: `proxy-notice:${record.id}`, message: { kind: 'text', toUsers: [reached.userId], text: m.proxyNotice(ctx.actor.name, activity.title, formatTime(now)) } },
      ]);
    }
  },
};

export const attendanceSheetCommand: Command = {
  name: '签到情况',
  aliases: ['考勤情况', '谁没签到'],
  summary: '查看正在进行的活动谁已签到、谁请假、谁未到',
  audience: 'unit_lead',
  async run(ctx) {
    const open = await openKeptActivities(ctx);
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
