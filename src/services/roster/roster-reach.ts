// Who in a roster file the bot could never reach: people with accounts, none of them on a
// platform the organisation has an app on (a 钉钉账号 in a county that runs WeCom only). Their
// messages would be given up one by one; the import says so while the office can still add an
// account. People with no account at all are not named: the office left them out on purpose.
// No I/O here.
import { CHANNELS, type Channel, type PlannedPerson, type Unreachable } from './roster-types.ts';

export function unreachablePeople(people: readonly PlannedPerson[], reachable: readonly Channel[]): Unreachable | undefined {
  const names: string[] = [];
  for (const person of people) {
    const on = CHANNELS.filter((c) => person.accounts[c] !== undefined);
    if (on.length > 0 && !on.some((c) => reachable.includes(c))) names.push(person.name);
  }
  return names.length > 0 ? { names, reachable: CHANNELS.filter((c) => reachable.includes(c)) } : undefined;
}
