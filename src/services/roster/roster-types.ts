// Shapes shared by the roster import steps (rules U1–U5). No I/O here.
import { AppError } from '../../lib/errors.ts';

/** The header row is a contract with outside tools: same names, same order. */
export const ROSTER_HEADER = [
  '姓名',
  '手机号',
  '企业微信账号',
  '钉钉账号',
  '代表层级',
  '代表小组',
  '小组职务',
  '联络站',
  '联络站职务',
] as const;

/**
 * Rule U1: optional columns that may follow the nine, in this order (a file may have none,
 * the first, or both). Files without them import exactly as before.
 */
export const ROSTER_OPTIONAL_HEADER = ['工作单位', '选区'] as const;

/** Rule U1: deputy levels, in the fixed order Person.levels stores them. */
export const LEVELS = ['乡镇', '县区', '市', '省', '全国'] as const;
export type Level = (typeof LEVELS)[number];
export const STAFF_LEVEL = '工作人员';

export type UnitKind = 'group' | 'station' | 'office';

/** Rules U2–U5: the role words a spreadsheet may use per unit kind, and what the database stores. */
export const ROLE_WORDS: Record<UnitKind, ReadonlyMap<string, string>> = {
  group: new Map([
    ['组长', 'leader'],
    ['副组长', 'vice_leader'],
    ['联络员', 'liaison'],
    // Rule U2: some townships call the group's fixed liaison its recorder; same rights.
    ['记录员', 'recorder'],
    ['成员', 'member'],
  ]),
  station: new Map([
    ['站长', 'head'],
    ['副站长', 'vice_head'],
    ['联络员', 'liaison'],
    ['成员', 'member'],
  ]),
  office: new Map([['工作人员', 'staff']]),
};

export function roleWord(kind: UnitKind, role: string): string {
  for (const [word, code] of ROLE_WORDS[kind]) if (code === role) return word;
  return role;
}
export type Channel = 'wecom' | 'dingtalk';
export const CHANNELS: readonly Channel[] = ['wecom', 'dingtalk'];

/**
 * Rule U4: office staff all belong to one unit. A constant rather than a name derived
 * from the organisation, so renaming the organisation does not create a second office.
 */
export const OFFICE_UNIT_NAME = '人大常委会办公室';

export interface UnitRef {
  kind: UnitKind;
  name: string;
}

export interface RoleInUnit extends UnitRef {
  role: string;
}

/** One valid spreadsheet row, normalised. */
export interface RosterRow {
  rowNumber: number;
  name: string;
  mobile: string;
  accounts: Partial<Record<Channel, string>>;
  /** null for 工作人员 (staff who are not deputies). */
  level: Level | null;
  memberships: RoleInUnit[];
  /** The optional columns: undefined when the file has no such column, null when blank. */
  workUnit?: string | null;
  district?: string | null;
}

/**
 * A problem found in the file. `mobiles` names the people it concerns, so that
 * --skip-bad-rows can skip each of them entirely; when the phone itself is unreadable
 * the row's `name` is the only link left.
 */
export interface RowError {
  rowNumber: number;
  reason: string;
  mobiles: string[];
  name?: string;
}

/** One person as the file describes them, after merging their rows. */
export interface PlannedPerson {
  mobile: string;
  name: string;
  levels: Level[];
  isStaff: boolean;
  accounts: Partial<Record<Channel, { id: string; rowNumber: number }>>;
  memberships: RoleInUnit[];
  rowNumbers: number[];
  /** As in RosterRow: undefined when the file has no such column (the stored value stays). */
  workUnit?: string | null;
  district?: string | null;
}

export interface ImportReport {
  orgCode: string;
  orgName: string;
  /** false when errors stopped the import and nothing was written. */
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  unitsCreated: number;
  skippedRows: number;
  updatedNames: string[];
  skippedPeople: { name: string; mobile: string }[];
  /** People of the organisation already in the database but absent from the file. */
  outsideRoster: number;
  errors: RowError[];
  /** People of the file the bot cannot reach (only when the import was told which platforms it can). */
  unreachable?: Unreachable;
}

/** People of a roster file with accounts, none on a platform the organisation has an app on. */
export interface Unreachable {
  /** Names, in file order. */
  names: string[];
  /** The platforms the organisation does have an app on (may be none yet). */
  reachable: Channel[];
}

/** The whole file is unusable (encoding, header, format): one sentence for the user. */
export class RosterFileError extends AppError {
  constructor(message: string) {
    super('roster_file_invalid', message, 400, true);
    this.name = 'RosterFileError';
  }
}

/** Units are identified by kind and name within an organisation (the unique index). */
export function unitKey(unit: { kind: string; name: string }): string {
  return `${unit.kind}:${unit.name}`;
}

/** What the database holds for one organisation, as the import compares it with the file. */
export interface ExistingUnit {
  id: number;
  kind: string;
  name: string;
}

export interface ExistingPerson {
  id: number;
  name: string;
  mobile: string;
  levels: string;
  isStaff: boolean;
  workUnit?: string | null;
  district?: string | null;
  memberships: { unitId: number; role: string }[];
  accounts: { channel: string; platformUserId: string }[];
  /** Set when the person left the roster (deactivated); a file listing them again brings them back. */
  leftAt?: Date | null;
}

export interface OrgSnapshot {
  units: ExistingUnit[];
  people: ExistingPerson[];
}

/** The person columns the import writes. */
export interface PersonFields {
  name: string;
  levels: string;
  isStaff: boolean;
  /** Only when the file has the column. */
  workUnit?: string | null;
  district?: string | null;
}
