// Roster import: file -> validated rows -> people -> diff against the database -> writes.
// Nothing is written while any error stands, unless the caller asked to skip bad rows.
// Memory stays bounded at a province's size: rows are validated and merged into people as the
// file is read (no table of cells, no list of rows), and the diff is made, written and
// forgotten a chunk of people at a time.
import { basename, join } from 'node:path';
import type { Db } from '../../repositories/prisma.ts';
import {
  createRosterRepo,
  type OrganisationRow,
  type RosterRepo,
  type RosterSnapshot,
} from '../../repositories/roster-repo.ts';
import { writeRoster, type RosterChunk } from '../../repositories/roster-write-repo.ts';
import { readRecordBytes, readRecords } from './read-table.ts';
import { recordRejoined } from './roster-leave.ts';
import { diffAccounts, rosterDiffer, type PersonChange, type RosterDiffer } from './roster-diff.ts';
import { createMerger } from './roster-plan.ts';
import { parseRosterRecords } from './roster-rows.ts';
import { selectPeople, type ExistingAccount, type Selection } from './roster-select.ts';
import { CHANNELS, unitKey, type Channel, type ImportReport, type PlannedPerson, type RoleInUnit, type UnitRef } from './roster-types.ts';

export type { ImportReport } from './roster-types.ts';

export interface ImportOptions {
  orgCode: string;
  /** Defaults to the organisation's current name, or its code for a new one. */
  orgName?: string;
  /** A .csv (UTF-8) or .xlsx file: its path, or (an upload) its name and bytes. */
  file: string;
  bytes?: Uint8Array;
  skipBadRows?: boolean;
  /**
   * 'file' (the default): a roster of real people, recorded on the organisation for good so
   * that local mode refuses this database. 'demo': local mode's own fictional county.
   */
  source?: 'file' | 'demo';
  /** When the import happened (recorded with a 'file' import). */
  now?: Date;
  /** Who imported it (the console's office staff), for the roster's history. */
  actorId?: number;
  /** People written per transaction (tests make it small to cross chunk boundaries). */
  chunkSize?: number;
}

export const DEMO_ROSTER_PATH = join(import.meta.dirname, '..', '..', '..', 'prisma', 'seed', 'demo-roster.csv');
export const DEMO_ORG_NAME = '示范县人大常委会';

/** What a file would change, before anything is written: the console shows it to confirm. */
export interface RosterPreview {
  report: ImportReport;
  created: string[];
  updated: { name: string; rejoined: boolean }[];
  /** People of the organisation on the roster today whom the file does not list (they may have left). */
  left: { id: number; name: string; mobile: string }[];
}

interface Plan {
  repo: RosterRepo;
  org: OrganisationRow | null;
  snapshot: RosterSnapshot;
  selection: Selection;
  report: ImportReport;
  dataRows: number;
  left: RosterPreview['left'];
}

/** Reads, validates and compares the file with the database; writes nothing. */
async function planImport(db: Db, options: ImportOptions): Promise<Plan> {
  const records = options.bytes ? await readRecordBytes(options.file, options.bytes) : await readRecords(options.file);
  const repo = createRosterRepo(db);
  const org = await repo.findOrganisation(options.orgCode);
  const merger = createMerger();
  const parsed = parseRosterRecords(records, { departments: org ? await repo.departmentNames(org.id) : new Set() }, (row) => merger.add(row));
  const merged = merger.finish();
  const snapshot: RosterSnapshot = org ? await repo.loadSnapshot(org.id) : { units: [], people: [] };
  const selection = selectPeople(merged.people, [...parsed.errors, ...merged.errors], accountOwners(snapshot));
  const orgName = options.orgName ?? org?.name ?? options.orgCode;
  // A person whose every row is bad is still "in the file", not outside the roster.
  const fileMobiles = new Set(merged.people.map((p) => p.mobile));
  selection.errors.forEach((e) => e.mobiles.forEach((m) => fileMobiles.add(m)));
  const report = emptyReport(options.orgCode, orgName, selection);
  const left = snapshot.people.filter((p) => !p.leftAt && !fileMobiles.has(p.mobile)).map((p) => ({ id: p.id, name: p.name, mobile: p.mobile }));
  report.outsideRoster = left.length;
  return { repo, org, snapshot, selection, report, dataRows: parsed.dataRows, left };
}

/**
 * What importing the file would do (the console's step before confirming): the row errors,
 * and who would be new, updated, unchanged, and who is on the roster but not in the file.
 */
export async function previewRoster(db: Db, options: ImportOptions): Promise<RosterPreview> {
  const plan = await planImport(db, options);
  const differ = rosterDiffer(plan.snapshot);
  const tally = new Tally(differ);
  for (const p of plan.selection.apply) tally.count(differ.person(p));
  const report = tally.report(plan.report, differ.newUnits(plan.selection.apply).length, plan.dataRows);
  return {
    report: { ...report, applied: false, skippedRows: plan.selection.errors.length > 0 && !options.skipBadRows ? plan.dataRows : report.skippedRows },
    created: tally.createdNames,
    updated: tally.updated,
    left: plan.left,
  };
}

/**
 * Imports a roster file. Throws RosterFileError when the file as a whole is unusable
 * (encoding, header); row errors come back in the report, with `applied` false when
 * they stopped the import.
 */
export async function importRoster(db: Db, options: ImportOptions): Promise<ImportReport> {
  const { repo, org, snapshot, selection, report, dataRows } = await planImport(db, options);
  if (selection.errors.length > 0 && !options.skipBadRows) {
    return { ...report, applied: false, skippedRows: dataRows };
  }
  const differ = rosterDiffer(snapshot);
  const newUnits = differ.newUnits(selection.apply);
  const orgId = await ensureOrganisation(repo, org, options.orgCode, report.orgName);
  const tally = new Tally(differ);
  await applyDiff(db, orgId, { differ, apply: selection.apply, newUnits, tally }, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  await recordRejoined(db, orgId, tally.rejoinedIds.sort((a, b) => a - b), options.actorId ?? null, options.now ?? new Date());
  // Written only when it changes: importing the same file again writes nothing at all.
  const file = basename(options.file);
  if ((options.source ?? 'file') === 'file' && org?.rosterFile !== file) await repo.recordRosterFile(orgId, file, options.now ?? new Date());
  return tally.report(report, newUnits.length, dataRows);
}

/** The fictional county the local mode starts with; importing it again changes nothing. */
export async function loadDemoRoster(db: Db, orgCode: string): Promise<ImportReport> {
  return importRoster(db, { orgCode, orgName: DEMO_ORG_NAME, file: DEMO_ROSTER_PATH, source: 'demo' });
}

function isRosterChannel(channel: string): channel is Channel {
  return (CHANNELS as readonly string[]).includes(channel);
}

function accountOwners(snapshot: RosterSnapshot): ExistingAccount[] {
  return snapshot.people.flatMap(({ mobile, name, accounts }) =>
    accounts.flatMap(({ channel, platformUserId }) =>
      isRosterChannel(channel) ? [{ channel, platformUserId, mobile, name }] : [],
    ),
  );
}

function emptyReport(orgCode: string, orgName: string, selection: Selection): ImportReport {
  return {
    orgCode,
    orgName,
    applied: true,
    created: 0,
    updated: 0,
    unchanged: 0,
    unitsCreated: 0,
    skippedRows: 0,
    updatedNames: [],
    skippedPeople: selection.skipped.map((p) => ({ name: p.name, mobile: p.mobile })),
    outsideRoster: 0,
    errors: selection.errors,
  };
}

/** What the report says about the changes, counted as each person's change goes by. */
class Tally {
  created = 0;
  unchanged = 0;
  importedRows = 0;
  readonly createdNames: string[] = [];
  readonly updated: { name: string; rejoined: boolean }[] = [];
  /** People who had left and are listed again. */
  readonly rejoinedIds: number[] = [];

  constructor(private readonly differ: RosterDiffer) {}

  count(change: PersonChange): void {
    this.importedRows += change.planned.rowNumbers.length;
    if (change.status === 'created') {
      this.created++;
      this.createdNames.push(change.planned.name);
    } else if (change.status === 'unchanged') this.unchanged++;
    else {
      const rejoined = !!this.differ.existing(change.planned.mobile)?.leftAt;
      if (rejoined) this.rejoinedIds.push(change.personId!);
      this.updated.push({ name: change.planned.name, rejoined });
    }
  }

  report(report: ImportReport, unitsCreated: number, dataRows: number): ImportReport {
    return {
      ...report,
      created: this.created,
      updated: this.updated.length,
      unchanged: this.unchanged,
      unitsCreated,
      skippedRows: dataRows - this.importedRows,
      updatedNames: this.updated.map((u) => u.name),
    };
  }
}

async function ensureOrganisation(
  repo: RosterRepo,
  org: OrganisationRow | null,
  code: string,
  name: string,
): Promise<number> {
  if (!org) return (await repo.createOrganisation(code, name)).id;
  if (org.name !== name) await repo.renameOrganisation(org.id, name);
  return org.id;
}

/** People written per transaction: big enough to make statements few, small enough to keep memory flat. */
export const DEFAULT_CHUNK_SIZE = 2000;

/**
 * Set-based writes: the new units, then every account some person gives up (an account moving
 * between two people is then free to take, whichever chunk either is in), then the people chunk
 * by chunk, each chunk one transaction. A chunk's changes are made when it is written.
 */
async function applyDiff(
  db: Db, orgId: number, d: { differ: RosterDiffer; apply: PlannedPerson[]; newUnits: UnitRef[]; tally: Tally }, chunkSize: number,
): Promise<void> {
  await writeRoster(db, {
    orgId,
    newUnits: d.newUnits,
    dropAccounts: droppedAccounts(d.differ, d.apply),
    chunks: (unitIds) => changedChunks(d, chunkSize, unitIds),
    // Prisma's @updatedAt and @default(now()) are the time of the write, not the import's clock.
    now: new Date(),
  });
}

/** The accounts people keep in the database but the file gives them no more (the diff's dropChannels). */
function droppedAccounts(differ: RosterDiffer, apply: PlannedPerson[]): { personId: number; channel: string }[] {
  const drops: { personId: number; channel: string }[] = [];
  for (const p of apply) {
    const existing = differ.existing(p.mobile);
    if (!existing) continue;
    for (const channel of diffAccounts(p, existing.accounts).dropChannels) drops.push({ personId: existing.id, channel });
  }
  return drops;
}

/** `chunkSize` changed people at a time; unchanged people are counted and dropped. */
function* changedChunks(d: { differ: RosterDiffer; apply: PlannedPerson[]; tally: Tally }, chunkSize: number, unitIds: Map<string, number>): Generator<RosterChunk> {
  let part: PersonChange[] = [];
  for (const p of d.apply) {
    const change = d.differ.person(p);
    d.tally.count(change);
    if (change.status === 'unchanged') continue;
    part.push(change);
    if (part.length === chunkSize) {
      yield rosterChunk(part, unitIds);
      part = [];
    }
  }
  if (part.length > 0) yield rosterChunk(part, unitIds);
}

function rosterChunk(changes: PersonChange[], unitIds: Map<string, number>): RosterChunk {
  const unitId = (m: RoleInUnit) => unitIds.get(unitKey(m))!;
  const existing = changes.filter((c) => c.personId !== undefined);
  return {
    people: changes.map((c) => ({ mobile: c.planned.mobile, fields: c.fields, ...(c.personId !== undefined ? { personId: c.personId } : {}) })),
    dropMemberships: existing.flatMap((c) => c.dropUnitIds.map((unitId) => ({ personId: c.personId!, unitId }))),
    setRoles: existing.flatMap((c) => c.setRoles.map((r) => ({ personId: c.personId!, unitId: r.unitId, role: r.role }))),
    addMemberships: changes.flatMap((c) => c.addMemberships.map((m) => ({ mobile: c.planned.mobile, unitId: unitId(m), role: m.role }))),
    addAccounts: changes.flatMap((c) => c.addAccounts.map((a) => ({ mobile: c.planned.mobile, ...a }))),
  };
}
