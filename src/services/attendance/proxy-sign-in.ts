// 代签 (rule A6): a unit's leads, liaison or office staff record a deputy who is present but
// cannot sign in themselves (no phone, no WeCom). Allowed only while the activity's sign-in
// window is open and only for the units the person keeps; it goes through the attendance state
// machine like any sign-in (L5: not over a pending or approved leave), is written in the audit
// trail and the deputy is told. The chat's 代签 and the console's 代签 both call this.
import { reachPerson } from '../audience.ts';
import type { BotDeps } from '../../bot/context.ts';
import { formatTime } from '../../domain/shanghai-time.ts';
import { keptUnitIds, type Actor } from '../../domain/roles.ts';
import { signInMessages } from '../../flows/signin/messages.ts';
import type { Channel } from '../../platforms/types.ts';
import { findOpenActivities } from '../../repositories/attendance-repo.ts';
import { audit } from '../../repositories/audit-repo.ts';
import { isInvited, personName } from '../../repositories/leave-repo.ts';
import { signIn } from './attendance-service.ts';

export type ProxySignInResult = { ok: true; name: string; title: string; at: Date } | { ok: false; message: string };

/** The activities whose sign-in window is open now, of the units this person keeps. */
export function openKeptActivities(deps: BotDeps, orgId: number, actor: Actor) {
  return findOpenActivities(deps.db, orgId, keptUnitIds(actor), deps.clock.now());
}

export async function proxySignIn(
  deps: BotDeps,
  p: { orgId: number; channel: Channel; actor: Actor & { id: number; name: string }; activityId: number; personId: number },
): Promise<ProxySignInResult> {
  const now = deps.clock.now();
  const activity = (await openKeptActivities(deps, p.orgId, p.actor)).find((a) => a.id === p.activityId);
  if (!activity) return { ok: false, message: signInMessages.proxyNothingOpen };
  const name = await personName(deps.db, p.personId);
  if (!(await isInvited(deps.db, activity.id, p.personId))) return { ok: false, message: signInMessages.proxyNoSuchPerson(name, activity.title) };
  // Rules A6, L5: already present, or on a pending or approved leave, is said, not overwritten.
  const result = await signIn(deps.db, { orgId: p.orgId, activity, personId: p.personId, at: now, proxy: { byId: p.actor.id, name } });
  if (!result.ok) return result;
  await audit(deps.db, { orgId: p.orgId, actorId: p.actor.id, action: 'attendance.proxy', subject: `attendance:${result.recordId}`, detail: { activityId: activity.id, personId: p.personId } });
  // The person signed in is told on their own platform, not necessarily the proxy's.
  const reached = await reachPerson(deps.db, p.orgId, p.personId);
  if (reached) {
    const text = signInMessages.proxyNotice(p.actor.name, activity.title, formatTime(now));
    await deps.outbound.send(p.orgId, reached.channel, [{ key: `proxy-notice:${result.recordId}`, message: { kind: 'text', toUsers: [reached.userId], text } }]);
  }
  return { ok: true, name, title: activity.title, at: now };
}
