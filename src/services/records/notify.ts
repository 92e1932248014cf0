// Telling many people the same thing: in messages of at most 1,000 recipients (the platform's
// limit per message), each part with its own outbox key, so a repeat of the work sends nothing
// twice. Addresses people; the channel is whichever each has (contact-repo).
import { tellPeople, type Notifier } from '../suggestions/notify.ts';

const PER_MESSAGE = 1000;

export async function tellMany(n: Notifier, orgId: number, personIds: number[], key: string, text: string): Promise<number> {
  const ids = [...new Set(personIds)];
  let added = 0;
  for (let i = 0; i < ids.length; i += PER_MESSAGE) {
    added += await tellPeople(n, orgId, ids.slice(i, i + PER_MESSAGE), i === 0 ? key : `${key}|b${i / PER_MESSAGE}`, text);
  }
  return added;
}
