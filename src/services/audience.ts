// Whom a send reaches, by person: each person on one channel — the one they have, or the
// organisation's preferred one when they have both (policy.preferredChannel, where the
// organisation has an app) — so services address people and never a platform, and nobody
// hears the same thing twice.
import type { Channel, OutboundMessage } from '../platforms/types.ts';
import { keyOnChannel } from '../platforms/types.ts';
import { accountByPerson, accountsByChannel, userIdsByChannel } from '../repositories/contact-repo.ts';
import { loadPolicy } from '../repositories/org-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import type { Outbound, OutboundItem } from './outbound.ts';

/** User ids by channel, in the order the people were given. */
export type Audience = Map<Channel, string[]>;

/** The platforms an organisation has an app on, as the running service knows them. */
export type OrgChannels = (orgId: number) => Promise<readonly Channel[]>;
const knownChannels = new WeakMap<Db, OrgChannels>();

/**
 * Called where the service builds its platforms (each thread, for its connection): a person
 * with both accounts is then reached on the preferred platform only where the organisation has
 * an app. A DingTalk-only deployment keeps the default preference (WeCom), and every such
 * message would otherwise go to a platform it cannot reach. Where nothing is registered: the policy alone.
 */
export function knowOrgChannels(db: Db, channels: OrgChannels): void {
  knownChannels.set(db, channels);
}

/** The organisation's preferred platform, or the first it has an app on when it has none on that one. */
export async function preferredPlatform(db: Db, orgId: number): Promise<Channel> {
  const { preferredChannel } = await loadPolicy(db, orgId);
  const channels = await knownChannels.get(db)?.(orgId);
  return !channels?.length || channels.includes(preferredChannel) ? preferredChannel : channels[0]!;
}

export async function audienceOf(db: Db, orgId: number, personIds: number[]): Promise<Audience> {
  if (personIds.length === 0) return new Map();
  return (await accountsByChannel(db, personIds, await preferredPlatform(db, orgId))) as Audience;
}

/** Where each person is reached (the choice audienceOf makes); a person with no account is absent. */
export type Reach = Map<number, { channel: Channel; userId: string }>;

/** Looked up once for many people, then cut into audiences by audienceFrom without asking again. */
export async function reachOf(db: Db, orgId: number, personIds: number[]): Promise<Reach> {
  if (personIds.length === 0) return new Map();
  return (await accountByPerson(db, personIds, await preferredPlatform(db, orgId))) as Reach;
}

/** Person ids by the channel each is reached on, in the order given (people with no account left out). */
export function peopleByChannel(reach: Reach, personIds: number[]): Map<Channel, number[]> {
  const out = new Map<Channel, number[]>();
  for (const id of new Set(personIds)) {
    const r = reach.get(id);
    if (r) out.set(r.channel, [...(out.get(r.channel) ?? []), id]);
  }
  return out;
}

/** The audience of some of the people of a Reach: what audienceOf would answer for them. */
export function audienceFrom(reach: Reach, personIds: number[]): Audience {
  return userIdsByChannel(personIds, (id) => reach.get(id));
}

/** One person's user id and channel (undefined: no account anywhere). */
export async function reachPerson(db: Db, orgId: number, personId: number): Promise<{ channel: Channel; userId: string } | undefined> {
  for (const [channel, users] of await audienceOf(db, orgId, [personId])) return { channel, userId: users[0]! };
  return undefined;
}

/**
 * Writes one item per channel of the audience, built for that channel's user ids; the key gets
 * the channel (keyOnChannel) so the shares never collide. Returns how many rows were new.
 */
export async function sendToAudience(
  outbound: Outbound, orgId: number, audience: Audience, key: string,
  build: (toUsers: string[], channel: Channel) => OutboundMessage | undefined, extra: Omit<OutboundItem, 'key' | 'message'> = {},
): Promise<number> {
  let added = 0;
  for (const [channel, toUsers] of audience) {
    const message = toUsers.length ? build(toUsers, channel) : undefined;
    if (message) added += await outbound.send(orgId, channel, [{ ...extra, key: keyOnChannel(key, channel), message }]);
  }
  return added;
}

/** The same, straight from person ids. */
export async function sendToPeople(
  deps: { db: Db; outbound: Outbound }, orgId: number, personIds: number[], key: string,
  build: (toUsers: string[], channel: Channel) => OutboundMessage | undefined,
): Promise<number> {
  return sendToAudience(deps.outbound, orgId, await audienceOf(deps.db, orgId, personIds), key, build);
}

/** A text for some people, under its key. */
export interface PeopleText {
  key: string;
  personIds: number[];
  text: string;
}

/** Several texts, each to its people on their channels; returns how many rows were new. */
export async function sendTextsToPeople(deps: { db: Db; outbound: Outbound }, orgId: number, items: PeopleText[]): Promise<number> {
  const byChannel = new Map<Channel, OutboundItem[]>();
  for (const item of items) {
    for (const [channel, toUsers] of await audienceOf(deps.db, orgId, [...new Set(item.personIds)])) {
      const list = byChannel.get(channel) ?? [];
      list.push({ key: keyOnChannel(item.key, channel), message: { kind: 'text', toUsers, text: item.text } });
      byChannel.set(channel, list);
    }
  }
  let added = 0;
  for (const [channel, list] of byChannel) added += await deps.outbound.send(orgId, channel, list);
  return added;
}
