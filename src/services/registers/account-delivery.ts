// Rule A5: the written account of an activity (填写纪要) reaches the supervising body's staff as
// soon as it is saved — the county group rule: "由组长负责把活动的内容、形式、参加人员、活动成效，以及
// 代表对“一府两院”工作提出的意见、建议等情况及时书面送达县人大常委会代表联络工作委员会"; stations
// too ("活动结束后，应及时…向县人大常委会代表联络工委汇报"). Privately, in parts no platform will cut,
// each staff member on their own platform, under keys of the activity, so a retried event delivers it once.
import { formatDateTime } from '../../domain/shanghai-time.ts';
import { splitText } from '../../lib/split-text.ts';
import { saveAccount } from '../../repositories/account-repo.ts';
import { loadPolicy } from '../../repositories/org-repo.ts';
import type { Db } from '../../repositories/prisma.ts';
import { audienceFrom, reachOf, sendToAudience } from '../audience.ts';
import type { Outbound } from '../outbound.ts';
import { accountText as m } from './messages.ts';
import { officeStaff } from './office-recipients.ts';

export interface AccountDeps {
  db: Db;
  outbound: Outbound;
  now: Date;
}

export interface AccountOutcome {
  /** How many of the supervising body's staff it was sent to (0: nobody on the roster to send it to). */
  deliveredTo: number;
  supervisingBody: string;
}

/** Saves the account (once) and sends it to office staff; a replay sends nothing twice. */
export async function completeAccount(deps: AccountDeps, a: { orgId: number; activityId: number; text: string; byId: number }): Promise<AccountOutcome> {
  await saveAccount(deps.db, a.activityId, a.text, a.byId, deps.now);
  const policy = await loadPolicy(deps.db, a.orgId);
  const activity = await deps.db.activity.findFirst({
    where: { id: a.activityId, orgId: a.orgId },
    select: { title: true, startAt: true, account: true, accountById: true, unit: { select: { name: true } } },
  });
  // Each staff member on the platform the audience rule picks for them (WeCom, DingTalk, or the organisation's preferred one).
  const { personIds } = await officeStaff(deps.db, a.orgId);
  const reach = await reachOf(deps.db, a.orgId, personIds);
  if (!activity?.account || reach.size === 0) return { deliveredTo: 0, supervisingBody: policy.supervisingBody };
  const writer = activity.accountById ? ((await deps.db.person.findUnique({ where: { id: activity.accountById }, select: { name: true } }))?.name ?? '') : '';
  const text = `${m.header(activity.unit.name, activity.title, formatDateTime(activity.startAt), writer)}\n${activity.account}`;
  const audience = audienceFrom(reach, personIds);
  for (const [i, part] of splitText(text).entries()) {
    await sendToAudience(deps.outbound, a.orgId, audience, `account|${a.activityId}|${i}`, (toUsers) => ({ kind: 'text', toUsers, text: part }));
  }
  return { deliveredTo: reach.size, supervisingBody: policy.supervisingBody };
}
