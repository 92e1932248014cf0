// Pure: merges each person's rows (rule U1: identity is the phone; U5: several roles in
// several units) and finds conflicts between rows. No I/O.
import { channelLabels, rowMessages, unitLabels } from './messages.ts';
import {
  CHANNELS,
  LEVELS,
  roleWord,
  unitKey,
  type Channel,
  type Level,
  type PlannedPerson,
  type RoleInUnit,
  type RosterRow,
  type RowError,
} from './roster-types.ts';

/** WeCom userids are case-insensitive (the admin console treats ZhangWei and zhangwei as one). */
export function accountKey(channel: Channel, id: string): string {
  return `${channel}:${channel === 'wecom' ? id.toLowerCase() : id}`;
}

/** An account's id as the owner maps key it (per channel; WeCom's case-insensitive). */
const ownerKey = (channel: Channel, id: string) => (channel === 'wecom' ? id.toLowerCase() : id);

/**
 * The rows a person's facts came from, for the messages that cite them. Only for someone whose
 * facts did not all come from their first row (a few people): the rest need no such object.
 */
interface RowMarks {
  /** The row that gave each membership its role. */
  roleRows?: number[];
  wecomRow?: number;
  /** The last row that listed the account (what a later clash with another phone cites). */
  wecomLast?: number;
  dingtalkRow?: number;
  dingtalkLast?: number;
  workUnitRow?: number;
  districtRow?: number;
}

type MarkedRow = Exclude<keyof RowMarks, 'roleRows'>;

const NO_MEMBERSHIPS: RoleInUnit[] = Object.freeze([]) as unknown as RoleInUnit[];

/**
 * One person as their rows are merged, kept small (a province is 100,000 of them, all held
 * until the file is validated and then while it is written): fixed fields, levels as bits, one
 * row number unless there are several, the same frozen object for everyone holding a role in a
 * unit, and the rows each fact came from only where that is not the first row (RowMarks). It
 * is the PlannedPerson the later steps read; `levels`, `accounts` and `rowNumbers` are made on
 * request.
 */
export class MergedPerson implements PlannedPerson {
  isStaff = false;
  levelBits = 0;
  /** Replaced, never pushed to (a pushed-to array reserves room for 16 more). */
  memberships: RoleInUnit[] = NO_MEMBERSHIPS;
  rows: number | number[];
  wecom: string | undefined = undefined;
  dingtalk: string | undefined = undefined;
  workUnit?: string | null = undefined;
  district?: string | null = undefined;
  private marks: RowMarks | undefined = undefined;

  constructor(readonly mobile: string, public name: string, firstRow: number) {
    this.rows = firstRow;
  }

  get firstRow(): number {
    return typeof this.rows === 'number' ? this.rows : this.rows[0]!;
  }

  /** The row that gave each membership its role; undefined while all came from the first row. */
  get roleRows(): number[] | undefined {
    return this.marks?.roleRows;
  }

  set roleRows(rows: number[] | undefined) {
    if (rows !== undefined || this.marks) (this.marks ??= {}).roleRows = rows;
  }

  get wecomRow(): number { return this.rowOf('wecomRow'); }
  set wecomRow(row: number) { this.mark('wecomRow', row); }
  get wecomLast(): number { return this.rowOf('wecomLast'); }
  set wecomLast(row: number) { this.mark('wecomLast', row); }
  get dingtalkRow(): number { return this.rowOf('dingtalkRow'); }
  set dingtalkRow(row: number) { this.mark('dingtalkRow', row); }
  get dingtalkLast(): number { return this.rowOf('dingtalkLast'); }
  set dingtalkLast(row: number) { this.mark('dingtalkLast', row); }
  get workUnitRow(): number { return this.rowOf('workUnitRow'); }
  set workUnitRow(row: number) { this.mark('workUnitRow', row); }
  get districtRow(): number { return this.rowOf('districtRow'); }
  set districtRow(row: number) { this.mark('districtRow', row); }

  private rowOf(key: MarkedRow): number {
    return this.marks?.[key] ?? this.firstRow;
  }

  private mark(key: MarkedRow, row: number): void {
    if (row !== this.firstRow || this.marks?.[key] !== undefined) (this.marks ??= {})[key] = row;
  }

  get levels(): Level[] {
    return LEVELS.filter((_, i) => this.levelBits & (1 << i));
  }

  get accounts(): PlannedPerson['accounts'] {
    const accounts: PlannedPerson['accounts'] = {};
    if (this.wecom !== undefined) accounts.wecom = { id: this.wecom, rowNumber: this.wecomRow };
    if (this.dingtalk !== undefined) accounts.dingtalk = { id: this.dingtalk, rowNumber: this.dingtalkRow };
    return accounts;
  }

  get rowNumbers(): number[] {
    return typeof this.rows === 'number' ? [this.rows] : this.rows;
  }

  get rowCount(): number {
    return typeof this.rows === 'number' ? 1 : this.rows.length;
  }
}

type AccountOwners = Record<Channel, Map<string, MergedPerson>>;

export function mergePeople(rows: Iterable<RosterRow>): { people: MergedPerson[]; errors: RowError[] } {
  const merger = createMerger();
  for (const row of rows) merger.add(row);
  const { people, errors } = merger.finish();
  return { people, errors };
}

export interface Merged {
  people: MergedPerson[];
  errors: RowError[];
  byMobile: ReadonlyMap<string, MergedPerson>;
  /** Who in the file holds this account (WeCom ids compared without case). */
  holder(channel: Channel, id: string): MergedPerson | undefined;
}

export interface Merger {
  add(row: RosterRow): void;
  finish(): Merged;
}

/** mergePeople a row at a time: the import feeds it rows as the file is read. */
export function createMerger(): Merger {
  const people = new Map<string, MergedPerson>();
  const owners: AccountOwners = { wecom: new Map(), dingtalk: new Map() };
  const shared = new Map<string, RoleInUnit>();
  const errors: RowError[] = [];
  const share = (m: RoleInUnit) => {
    const key = `${unitKey(m)}:${m.role}`;
    let held = shared.get(key);
    if (!held) shared.set(key, (held = Object.freeze({ kind: m.kind, name: m.name, role: m.role }) as RoleInUnit));
    return held;
  };
  return {
    add(row) {
      let person = people.get(row.mobile);
      if (!person) people.set(row.mobile, (person = new MergedPerson(row.mobile, row.name, row.rowNumber)));
      for (const e of mergeRow(person, row, owners, share)) errors.push(e);
    },
    finish: () => ({ people: [...people.values()], errors, byMobile: people, holder: (channel, id) => owners[channel].get(ownerKey(channel, id)) }),
  };
}

function mergeRow(person: MergedPerson, row: RosterRow, owners: AccountOwners, share: (m: RoleInUnit) => RoleInUnit): RowError[] {
  const reasons: string[] = [];
  const alsoBad: string[] = [];
  if (row.name !== person.name) {
    reasons.push(rowMessages.nameConflict(row.mobile, person.firstRow, person.name, row.name));
  }
  for (const channel of CHANNELS) mergeAccount(person, row, channel, owners, reasons, alsoBad);
  mergeMemberships(person, row, reasons, share);
  mergeOptional(person, row, 'workUnit', reasons);
  mergeOptional(person, row, 'district', reasons);
  // Rule U1: a deputy of two levels (双重身份) appears once per level; keep the union.
  if (row.level === null) person.isStaff = true;
  else person.levelBits |= 1 << LEVELS.indexOf(row.level);
  if (row.rowNumber !== person.firstRow) person.rows = person.rowNumbers.concat(row.rowNumber);
  if (reasons.length === 0) return [];
  const mobiles = [row.mobile, ...alsoBad];
  return reasons.map((reason) => ({ rowNumber: row.rowNumber, reason, mobiles, name: row.name }));
}

function mergeAccount(
  person: MergedPerson,
  row: RosterRow,
  channel: Channel,
  owners: AccountOwners,
  reasons: string[],
  alsoBad: string[],
): void {
  const id = row.accounts[channel];
  if (id === undefined) return;
  const label = channelLabels[channel];
  const current = person[channel];
  if (current !== undefined && current !== id) {
    reasons.push(rowMessages.accountTwice(label, row.mobile, person[`${channel}Row`], current, id));
    return;
  }
  const key = ownerKey(channel, id);
  const owner = owners[channel].get(key);
  if (owner && owner.mobile !== row.mobile) {
    // Either phone could be the wrong one, so neither person is imported.
    reasons.push(rowMessages.accountShared(label, id, owner[`${channel}Last`], owner.mobile));
    alsoBad.push(owner.mobile);
    return;
  }
  owners[channel].set(key, person);
  person[`${channel}Last`] = row.rowNumber;
  if (current === undefined) {
    person[channel] = id;
    person[`${channel}Row`] = row.rowNumber;
  }
}

function mergeMemberships(person: MergedPerson, row: RosterRow, reasons: string[], share: (m: RoleInUnit) => RoleInUnit): void {
  for (const m of row.memberships) {
    const held = person.memberships;
    const at = held.findIndex((x) => x.kind === m.kind && x.name === m.name);
    const existing = held[at];
    if (!existing) {
      // concat, not push: a pushed-to array reserves room for 16 more.
      person.memberships = held.concat(share(m));
      if (person.roleRows || row.rowNumber !== person.firstRow) {
        person.roleRows = (person.roleRows ?? held.map(() => person.firstRow)).concat(row.rowNumber);
      }
    } else if (existing.role !== m.role) {
      const firstRow = person.roleRows?.[at] ?? person.firstRow;
      const [before, now] = [roleWord(m.kind, existing.role), roleWord(m.kind, m.role)];
      reasons.push(rowMessages.roleConflict(unitLabels[m.kind], m.name, firstRow, before, now));
    }
  }
}

const OPTIONAL_LABEL = { workUnit: '工作单位', district: '选区' } as const;

/** Rule U1: 工作单位 and 选区 are the person's, so their rows must agree (a blank one says nothing). */
function mergeOptional(person: MergedPerson, row: RosterRow, key: 'workUnit' | 'district', reasons: string[]): void {
  const value = row[key];
  if (value === undefined) return;
  const current = person[key];
  if (current === undefined || current === null) {
    person[key] = value;
    if (value !== null) person[`${key}Row`] = row.rowNumber;
  } else if (value !== null && value !== current) {
    reasons.push(rowMessages.fieldConflict(OPTIONAL_LABEL[key], row.mobile, person[`${key}Row`], current, value));
  }
}
