// Pure: merges each person's rows (rule U1: identity is the phone; U5: several roles in
// several units) and finds conflicts between rows. No I/O.
import { channelLabels, rowMessages, unitLabels } from './messages.ts';
import {
  CHANNELS,
  LEVELS,
  roleWord,
  unitKey,
  type Channel,
  type PlannedPerson,
  type RosterRow,
  type RowError,
} from './roster-types.ts';

interface Draft {
  person: PlannedPerson;
  firstRow: number;
  roleRows: Map<string, number>;
  /** The row that gave each optional column its value. */
  optionalRows: Map<string, number>;
}

type AccountOwners = Map<string, { mobile: string; rowNumber: number }>;

/** WeCom userids are case-insensitive (the admin console treats ZhangWei and zhangwei as one). */
export function accountKey(channel: Channel, id: string): string {
  return `${channel}:${channel === 'wecom' ? id.toLowerCase() : id}`;
}

export function mergePeople(rows: RosterRow[]): { people: PlannedPerson[]; errors: RowError[] } {
  const drafts = new Map<string, Draft>();
  const owners: AccountOwners = new Map();
  const errors: RowError[] = [];
  for (const row of rows) {
    let draft = drafts.get(row.mobile);
    if (!draft) {
      draft = newDraft(row);
      drafts.set(row.mobile, draft);
    }
    errors.push(...mergeRow(draft, row, owners));
  }
  return { people: [...drafts.values()].map((d) => finish(d.person)), errors };
}

function newDraft(row: RosterRow): Draft {
  const person: PlannedPerson = {
    mobile: row.mobile,
    name: row.name,
    levels: [],
    isStaff: false,
    accounts: {},
    memberships: [],
    rowNumbers: [],
  };
  return { person, firstRow: row.rowNumber, roleRows: new Map(), optionalRows: new Map() };
}

function mergeRow(draft: Draft, row: RosterRow, owners: AccountOwners): RowError[] {
  const { person } = draft;
  const reasons: string[] = [];
  const alsoBad: string[] = [];
  if (row.name !== person.name) {
    reasons.push(rowMessages.nameConflict(row.mobile, draft.firstRow, person.name, row.name));
  }
  for (const channel of CHANNELS) mergeAccount(person, row, channel, owners, reasons, alsoBad);
  mergeMemberships(draft, row, reasons);
  mergeOptional(draft, row, 'workUnit', reasons);
  mergeOptional(draft, row, 'district', reasons);
  // Rule U1: a deputy of two levels (双重身份) appears once per level; keep the union.
  if (row.level === null) person.isStaff = true;
  else if (!person.levels.includes(row.level)) person.levels.push(row.level);
  person.rowNumbers.push(row.rowNumber);
  const mobiles = [row.mobile, ...alsoBad];
  return reasons.map((reason) => ({ rowNumber: row.rowNumber, reason, mobiles, name: row.name }));
}

function mergeAccount(
  person: PlannedPerson,
  row: RosterRow,
  channel: Channel,
  owners: AccountOwners,
  reasons: string[],
  alsoBad: string[],
): void {
  const id = row.accounts[channel];
  if (id === undefined) return;
  const label = channelLabels[channel];
  const current = person.accounts[channel];
  if (current && current.id !== id) {
    reasons.push(rowMessages.accountTwice(label, row.mobile, current.rowNumber, current.id, id));
    return;
  }
  const owner = owners.get(accountKey(channel, id));
  if (owner && owner.mobile !== row.mobile) {
    // Either phone could be the wrong one, so neither person is imported.
    reasons.push(rowMessages.accountShared(label, id, owner.rowNumber, owner.mobile));
    alsoBad.push(owner.mobile);
    return;
  }
  owners.set(accountKey(channel, id), { mobile: row.mobile, rowNumber: row.rowNumber });
  if (!current) person.accounts[channel] = { id, rowNumber: row.rowNumber };
}

function mergeMemberships(draft: Draft, row: RosterRow, reasons: string[]): void {
  for (const m of row.memberships) {
    const key = unitKey(m);
    const existing = draft.person.memberships.find((x) => unitKey(x) === key);
    if (!existing) {
      draft.person.memberships.push({ ...m });
      draft.roleRows.set(key, row.rowNumber);
    } else if (existing.role !== m.role) {
      const firstRow = draft.roleRows.get(key)!;
      const [before, now] = [roleWord(m.kind, existing.role), roleWord(m.kind, m.role)];
      reasons.push(rowMessages.roleConflict(unitLabels[m.kind], m.name, firstRow, before, now));
    }
  }
}

const OPTIONAL_LABEL = { workUnit: '工作单位', district: '选区' } as const;

/** Rule U1: 工作单位 and 选区 are the person's, so their rows must agree (a blank one says nothing). */
function mergeOptional(draft: Draft, row: RosterRow, key: 'workUnit' | 'district', reasons: string[]): void {
  const value = row[key];
  if (value === undefined) return;
  const current = draft.person[key];
  if (current === undefined || current === null) {
    draft.person[key] = value;
    if (value !== null) draft.optionalRows.set(key, row.rowNumber);
  } else if (value !== null && value !== current) {
    reasons.push(rowMessages.fieldConflict(OPTIONAL_LABEL[key], row.mobile, draft.optionalRows.get(key)!, current, value));
  }
}

function finish(person: PlannedPerson): PlannedPerson {
  return { ...person, levels: LEVELS.filter((l) => person.levels.includes(l)) };
}
