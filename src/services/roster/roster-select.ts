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
  // People whose every row is bad are in the file too, just not in `people`.
  const inFile = new Set([...people.map((p) => p.mobile), ...errors.flatMap((e) => e.mobiles)]);
  const all = [...errors];
  // Skipping someone can leave their old account in the way of another person, so repeat
  // until stable; every round skips at least one more person, so this ends.
  for (;;) {
    const bad = badMobiles(all, people);
    const apply = people.filter((p) => !bad.has(p.mobile));
    const conflicts = dbConflicts(apply, owners, inFile);
    if (conflicts.length === 0) {
      const skipped = people.filter((p) => bad.has(p.mobile));
      return { apply, skipped, errors: all.sort((a, b) => a.rowNumber - b.rowNumber) };
    }
    all.push(...conflicts);
  }
}

/** Errors without a readable phone can only be tied to a person by name. */
function badMobiles(errors: RowError[], people: PlannedPerson[]): Set<string> {
  const bad = new Set<string>();
  for (const e of errors) {
    e.mobiles.forEach((m) => bad.add(m));
    if (e.mobiles.length === 0 && e.name) {
      people.filter((p) => p.name === e.name).forEach((p) => bad.add(p.mobile));
    }
  }
  return bad;
}

function dbConflicts(
  apply: PlannedPerson[],
  owners: Map<string, ExistingAccount>,
  inFile: Set<string>,
): RowError[] {
  const applying = new Set(apply.map((p) => p.mobile));
  const errors: RowError[] = [];
  for (const person of apply) {
    for (const channel of CHANNELS) {
      const account = person.accounts[channel];
      const owner = account && owners.get(accountKey(channel, account.id));
      // An owner who is imported too gives the account up in this same import.
      if (!account || !owner || owner.mobile === person.mobile || applying.has(owner.mobile)) continue;
      const label = channelLabels[channel];
      const reason = rowMessages.accountInDb(label, account.id, owner.name, owner.mobile, inFile.has(owner.mobile));
      errors.push({ rowNumber: account.rowNumber, reason, mobiles: [person.mobile], name: person.name });
    }
  }
  return errors;
}
