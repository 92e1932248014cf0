// Roster import: file -> validated rows -> people -> diff against the database -> writes.
// Nothing is written while any error stands, unless the caller asked to skip bad rows.
// Memory stays bounded at a province's size: rows are validated and merged into people as the
// file is read (no table of cells, no list of rows), and the diff is made, written and
// forgotten a chunk of people at a time.
import { basename, join } from 'node:path';
import type { Db } from '../../repositories/prisma.ts';
import { createRosterRepo, type OrganisationRow, type RosterRepo } from '../../repositories/roster-repo.ts';
import { withBulkSession, type BulkSession } from '../../repositories/bulk-sql.ts';
import { prepareRosterWrites, writeRosterChunk, type RosterChunk } from '../../repositories/roster-write-repo.ts';
import { readRecordBytes, readRecords } from './read-table.ts';
import { recordRejoined } from './roster-leave.ts';
import { chunkDiff, countOnly, Tally, type ChunkDiff, type ChunkSource } from './roster-chunks.ts';
import { rosterDiffer, type PersonChange } from './roster-diff.ts';
import { createMerger } from './roster-plan.ts';
import { parseRosterRecords } from './roster-rows.ts';
import { scanOrganisation, type GivenUpAccount, type OrgScan } from './roster-scan.ts';
import { selectPeople, type Selection } from './roster-select.ts';
import { unreachablePeople } from './roster-reach.ts';
import { unitKey, type Channel, type ExistingUnit, type ImportReport, type RoleInUnit, type UnitRef } from './roster-types.ts';

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
  /**
   * The platforms the organisation has an app on in this deployment. When given, the report
   * names the people whose every account is on another one (the bot could never reach them).
   */
  reachable?: readonly Channel[];
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
  units: ExistingUnit[];
  selection: Selection;
  givenUp: GivenUpAccount[];
  report: ImportReport;
  dataRows: number;
  left: RosterPreview['left'];
}

/** Reads, validates and compares the file with the database; writes nothing. */
async function planImport(db: Db, session: BulkSession, options: ImportOptions): Promise<Plan> {
  const records = options.bytes ? await readRecordBytes(options.file, options.bytes) : await readRecords(options.file);
  const repo = createRosterRepo(db, session.query);
  const org = await repo.findOrganisation(options.orgCode);
  const merger = createMerger();
  const parsed = parseRosterRecords(records, { departments: org ? await repo.departmentNames(org.id) : new Set() }, (row) => merger.add(row));
  const merged = merger.finish();
  const fileErrors = [...parsed.errors, ...merged.errors];
  // A person whose every row is bad is still "in the file", not outside the roster.
  const inErrors = new Set(fileErrors.flatMap((e) => e.mobiles));
  const inFile = (mobile: string) => merged.byMobile.has(mobile) || inErrors.has(mobile);
  const scan: OrgScan = org ? await scanOrganisation(repo, org.id, merged, inFile) : { left: [], owners: [], givenUp: [] };
  const selection = selectPeople(merged.people, fileErrors, scan.owners);
  const skipped = new Set(selection.skipped.map((p) => p.mobile));
  const report = emptyReport(options.orgCode, options.orgName ?? org?.name ?? options.orgCode, selection);
  report.outsideRoster = scan.left.length;
  const unreachable = options.reachable && unreachablePeople(selection.apply, options.reachable);
  if (unreachable) report.unreachable = unreachable;
  return {
    repo, org, units: org ? await repo.units(org.id) : [], selection, report, dataRows: parsed.dataRows, left: scan.left,
    givenUp: scan.givenUp.filter((a) => !skipped.has(a.mobile)),
  };
}

/**
 * What importing the file would do (the console's step before confirming): the row errors,
 * and who would be new, updated, unchanged, and who is on the roster but not in the file.
 */
export async function previewRoster(db: Db, options: ImportOptions): Promise<RosterPreview> {
  return withBulkSession(db, (session) => preview(db, session, options));
}

async function preview(db: Db, session: BulkSession, options: ImportOptions): Promise<RosterPreview> {
  const plan = await planImport(db, session, options);
  const differ = rosterDiffer(plan.units);
  const tally = new Tally();
  await countOnly({ repo: plan.repo, orgId: plan.org?.id ?? null, apply: plan.selection.apply, differ, tally }, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
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
  // One session for the reads and the writes (on PostgreSQL one connection of the import's own).
  return withBulkSession(db, (session) => importWith(db, session, options));
}

async function importWith(db: Db, session: BulkSession, options: ImportOptions): Promise<ImportReport> {
  const plan = await planImport(db, session, options);
  const { repo, org, selection, report, dataRows } = plan;
  if (selection.errors.length > 0 && !options.skipBadRows) {
    return { ...report, applied: false, skippedRows: dataRows };
  }
  const differ = rosterDiffer(plan.units);
  const newUnits = differ.newUnits(selection.apply);
  const orgId = await ensureOrganisation(repo, org, options.orgCode, report.orgName);
  const tally = new Tally();
  const source: ChunkSource = { repo, orgId: org?.id ?? null, apply: selection.apply, differ, tally, deleted: plan.givenUp };
  await applyDiff(db, session, { orgId, newUnits, givenUp: plan.givenUp }, source, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
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
 * by chunk, each chunk one transaction. A chunk is read and compared when it is written.
 */
async function applyDiff(
  db: Db, session: BulkSession, d: { orgId: number; newUnits: UnitRef[]; givenUp: GivenUpAccount[] }, source: ChunkSource, chunkSize: number,
): Promise<void> {
  // Prisma's @updatedAt and @default(now()) are the time of the write, not the import's clock.
  const now = new Date();
  const dropAccounts = d.givenUp.map((a) => ({ personId: a.personId, channel: a.channel }));
  const unitIds = await prepareRosterWrites(db, session, { orgId: d.orgId, newUnits: d.newUnits, dropAccounts, now });
  const chunk = { session, orgId: d.orgId, diff: chunkDiff(source), size: chunkSize, unitIds, now };
  for (let from = 0; from < source.apply.length; from += chunkSize) await applyChunk(chunk, from);
}

/**
 * One chunk, compared and written. Nothing of it is referenced once this returns (a generator
 * handing chunks on kept the last one alive while the next was made), so a chunk's objects die
 * young instead of piling up in V8's old generation until a full collection.
 */
async function applyChunk(
  c: { session: BulkSession; orgId: number; diff: ChunkDiff; size: number; unitIds: Map<string, number>; now: Date }, from: number,
): Promise<void> {
  const changes = await c.diff(from, c.size);
  if (changes.length > 0) await writeRosterChunk(c.session, c.orgId, rosterChunk(changes, c.unitIds), c.now);
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
