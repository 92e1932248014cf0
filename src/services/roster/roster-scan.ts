// What an import needs from the organisation's whole roster, read a page at a time so a
// province's 100,000 people are never held together: who is on the roster but not in the file,
// the accounts in the database the file gives to someone else (rule U1: one account, one
// person), and the accounts people of the file give up. Everything else is read a chunk of
// people at a time (roster-chunks.ts).
import type { RosterRepo } from '../../repositories/roster-repo.ts';
import type { Merged } from './roster-plan.ts';
import type { ExistingAccount } from './roster-select.ts';
import { CHANNELS, type Channel } from './roster-types.ts';

export interface GivenUpAccount {
  personId: number;
  mobile: string;
  channel: Channel;
  platformUserId: string;
}

export interface OrgScan {
  /** On the roster (not left) and not in the file, in id order. */
  left: { id: number; name: string; mobile: string }[];
  /** Accounts held in the database by someone other than the person of the file who has them. */
  owners: ExistingAccount[];
  /** Accounts a person of the file holds that the file does not give them (any more). */
  givenUp: GivenUpAccount[];
}

const isRosterChannel = (channel: string): channel is Channel => (CHANNELS as readonly string[]).includes(channel);

/** `inFile`: whether a phone is in the file, including those of people whose every row is bad. */
export async function scanOrganisation(repo: RosterRepo, orgId: number, merged: Merged, inFile: (mobile: string) => boolean): Promise<OrgScan> {
  const scan: OrgScan = { left: [], owners: [], givenUp: [] };
  for await (const page of repo.peoplePages(orgId)) {
    for (const p of page) if (!p.leftAt && !inFile(p.mobile)) scan.left.push({ id: p.id, name: p.name, mobile: p.mobile });
  }
  const owners: (ExistingAccount & { order: [number, number] })[] = [];
  for await (const page of repo.accountPages(orgId)) {
    for (const a of page) {
      if (!isRosterChannel(a.channel)) continue;
      const holder = merged.holder(a.channel, a.platformUserId);
      if (holder && holder.mobile !== a.mobile) {
        owners.push({ channel: a.channel, platformUserId: a.platformUserId, mobile: a.mobile, name: a.name, order: [a.personId, a.id] });
      }
      const person = merged.byMobile.get(a.mobile);
      if (person && person[a.channel] !== a.platformUserId) {
        scan.givenUp.push({ personId: a.personId, mobile: a.mobile, channel: a.channel, platformUserId: a.platformUserId });
      }
    }
  }
  // In the order the whole roster would list them (by person, then account), as selectPeople expects.
  owners.sort((x, y) => x.order[0] - y.order[0] || x.order[1] - y.order[1]);
  scan.owners = owners.map(({ order: _, ...account }) => account);
  return scan;
}
