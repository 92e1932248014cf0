// Telling people about a suggestion or a motion: by person, each on the platform the audience
// rule picks (audience.ts: the one they have, or the organisation's preferred one), so services
// address people, never a platform. Keys are per event, so a replayed transition sends nothing twice.
import { splitText } from '../../lib/split-text.ts';
import type { NeutralCard } from '../../platforms/types.ts';
import type { Db } from '../../repositories/prisma.ts';
import { audienceOf } from '../audience.ts';
import type { Outbound } from '../outbound.ts';

export interface Notifier {
  db: Db;
  outbound: Outbound;
}

/** One text to these people (a long one in parts, each its own key); returns how many outbox rows were new. */
export async function tellPeople(n: Notifier, orgId: number, personIds: number[], key: string, text: string): Promise<number> {
  if (personIds.length === 0) return 0;
  let added = 0;
  const parts = splitText(text);
  for (const [channel, toUsers] of await audienceOf(n.db, orgId, personIds)) {
    const items = parts.map((part, i) => ({ key: `${key}|${channel}${i ? `|p${i + 1}` : ''}`, message: { kind: 'text' as const, toUsers, text: part } }));
    added += await n.outbound.send(orgId, channel, items);
  }
  return added;
}

/** A card to one person (a card is per person: its buttons answer for them). */
export async function cardToPerson(n: Notifier, orgId: number, personId: number, key: string, card: NeutralCard): Promise<number> {
  let added = 0;
  for (const [channel, toUsers] of await audienceOf(n.db, orgId, [personId])) {
    added += await n.outbound.send(orgId, channel, [{ key: `${key}|${channel}`, message: { kind: 'card', toUsers, card } }]);
  }
  return added;
}
