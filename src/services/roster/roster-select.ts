// Pure: decides who is imported. A person with any bad row is skipped entirely, and an
// account already owned in the database by someone this import will not update is a conflict.
import { channelLabels, rowMessages } from './messages.ts';
import { accountKey } from './roster-plan.ts';
import { CHANNELS, type Channel, type PlannedPerson, type RowError } from './roster-types.ts';

export interface ExistingAccount {
  channel: Channel;
  platformUserId: string;
  mobile: string;
  name: string;
}

export interface Selection {
  apply: PlannedPerson[];
  skipped: PlannedPerson[];
  /** All errors, in row order. */
  errors: RowError[];
}

export function selectPeople(people: PlannedPerson[], errors: RowError[], existing: ExistingAccount[]): Selection {
  const owners = new Map(existing.map((a) => [accountKey(a.channel, a.platformUserId), a]));
  const file = ownersInFile(people, errors, existing);
  const all = [...errors];
  // Skipping someone can leave their old account in the way of another person, so repeat
  // until stable; every round skips at least one more person, so this ends.
  for (;;) {
    const bad = badMobiles(all, people);
    const apply = bad.size === 0 ? people : people.filter((p) => !bad.has(p.mobile));
    // An owner who is imported too gives the account up in this same import.
    const conflicts = dbConflicts(apply, owners, { inFile: (m) => file.listed.has(m), imported: (m) => file.people.has(m) && !bad.has(m) });
    if (conflicts.length === 0) {
      const skipped = bad.size === 0 ? [] : people.filter((p) => bad.has(p.mobile));
      return { apply, skipped, errors: all.sort((a, b) => a.rowNumber - b.rowNumber) };
    }
    all.push(...conflicts);
  }
}

/**
 * Which of the accounts' owners the file lists (as a person, or only in errors: every row of
 * theirs bad). Only the owners' phones are ever looked up, so only they are indexed: a
 * province's 100,000 phones are not copied into sets.
 */
function ownersInFile(people: PlannedPerson[], errors: RowError[], existing: ExistingAccount[]): { people: Set<string>; listed: Set<string> } {
  const owners = new Set(existing.map((a) => a.mobile));
  const found = { people: new Set<string>(), listed: new Set<string>() };
  if (owners.size === 0) return found;
  for (const p of people) if (owners.has(p.mobile)) found.people.add(p.mobile);
  for (const m of found.people) found.listed.add(m);
  for (const e of errors) for (const m of e.mobiles) if (owners.has(m)) found.listed.add(m);
  return found;
}

/** Errors without a readable phone can only be tied to a person by name. */
function badMobiles(errors: RowError[], people: PlannedPerson[]): Set<string> {
  const bad = new Set<string>();
  const names = new Set<string>();
  for (const e of errors) {
    e.mobiles.forEach((m) => bad.add(m));
    if (e.mobiles.length === 0 && e.name) names.add(e.name);
  }
  if (names.size > 0) for (const p of people) if (names.has(p.name)) bad.add(p.mobile);
  return bad;
}

function dbConflicts(
  apply: PlannedPerson[],
  owners: Map<string, ExistingAccount>,
  file: { inFile(mobile: string): boolean; imported(mobile: string): boolean },
): RowError[] {
  const errors: RowError[] = [];
  if (owners.size === 0) return errors;
  for (const person of apply) {
    for (const channel of CHANNELS) {
      const account = person.accounts[channel];
      const owner = account && owners.get(accountKey(channel, account.id));
      if (!account || !owner || owner.mobile === person.mobile || file.imported(owner.mobile)) continue;
      const label = channelLabels[channel];
      const reason = rowMessages.accountInDb(label, account.id, owner.name, owner.mobile, file.inFile(owner.mobile));
      errors.push({ rowNumber: account.rowNumber, reason, mobiles: [person.mobile], name: person.name });
    }
  }
  return errors;
}
