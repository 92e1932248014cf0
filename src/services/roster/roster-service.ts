// Roster import: file -> validated rows -> people -> diff against the database -> writes.
// Nothing is written while any error stands, unless the caller asked to skip bad rows.
import { basename, join } from 'node:path';
import type { Db } from '../../repositories/prisma.ts';
import {
  createRosterRepo,
  type OrganisationRow,
  type RosterRepo,
  type RosterSnapshot,
} from '../../repositories/roster-repo.ts';
import { writeRoster, type RosterChunk } from '../../repositories/roster-write-repo.ts';
import { readTable, readTableBytes } from './read-table.ts';
import { recordRejoined } from './roster-leave.ts';
import { diffRoster, type PersonChange, type RosterDiff } from './roster-diff.ts';
import { mergePeople } from './roster-plan.ts';
import { parseRosterTable } from './roster-rows.ts';
import { selectPeople, type ExistingAccount, type Selection } from './roster-select.ts';
import { CHANNELS, unitKey, type Channel, type ImportReport, type RoleInUnit } from './roster-types.ts';

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
  const table = options.bytes ? await readTableBytes(options.file, options.bytes) : await readTable(options.file);
  const repo = createRosterRepo(db);
  const org = await repo.findOrganisation(options.orgCode);
  const parsed = parseRosterTable(table, { departments: org ? await repo.departmentNames(org.id) : new Set() });
  const merged = mergePeople(parsed.rows);
  const snapshot: RosterSnapshot = org ? await repo.loadSnapshot(org.id) : { units: [], people: [] };
  const selection = selectPeople(merged.people, [...parsed.errors, ...merged.errors], accountOwners(snapshot));
  const orgName = options.orgName ?? org?.name ?? options.orgCode;
  // A person whose every row is bad is still "in the file", not outside the roster.
  const fileMobiles = new Set(merged.people.map((p) => p.mobile));
  selection.errors.forEach((e) => e.mobiles.forEach((m) => fileMobiles.add(m)));
  const report = emptyReport(options.orgCode, orgName, selection);
  const left = snapshot.people.filter((p) => !p.leftAt && !fileMobiles.has(p.mobile)).map((p) => ({ id: p.id, name: p.name, mobile: p.mobile }));
  report.outsideRoster = left.length;
  return { repo, org, snapshot, selection, report, dataRows: parsed.dataRowNumbers.length, left };
}

/**
 * What importing the file would do (the console's step before confirming): the row errors,
 * and who would be new, updated, unchanged, and who is on the roster but not in the file.
 */
export async function previewRoster(db: Db, options: ImportOptions): Promise<RosterPreview> {
  const plan = await planImport(db, options);
  const diff = diffRoster(plan.snapshot, plan.selection.apply);
  const leftBefore = new Set(plan.snapshot.people.filter((p) => p.leftAt).map((p) => p.id));
  const report = countChanges(plan.report, diff, plan.dataRows);
  return {
    report: { ...report, applied: false, skippedRows: plan.selection.errors.length > 0 && !options.skipBadRows ? plan.dataRows : report.skippedRows },
    created: diff.changes.filter((c) => c.status === 'created').map((c) => c.planned.name),
    updated: diff.changes.filter((c) => c.status === 'updated').map((c) => ({ name: c.planned.name, rejoined: leftBefore.has(c.personId ?? 0) })),
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
  const diff = diffRoster(snapshot, selection.apply);
  const orgId = await ensureOrganisation(repo, org, options.orgCode, report.orgName);
  await applyDiff(db, orgId, diff, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const listed = new Set(diff.changes.map((c) => c.personId));
  await recordRejoined(db, orgId, snapshot.people.filter((p) => p.leftAt && listed.has(p.id)).map((p) => p.id), options.actorId ?? null, options.now ?? new Date());
  // Written only when it changes: importing the same file again writes nothing at all.
  const file = basename(options.file);
  if ((options.source ?? 'file') === 'file' && org?.rosterFile !== file) await repo.recordRosterFile(orgId, file, options.now ?? new Date());
  return countChanges(report, diff, dataRows);
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

function countChanges(report: ImportReport, diff: RosterDiff, dataRows: number): ImportReport {
  const count = (status: PersonChange['status']) => diff.changes.filter((c) => c.status === status).length;
  const importedRows = diff.changes.reduce((n, c) => n + c.planned.rowNumbers.length, 0);
  return {
    ...report,
    created: count('created'),
    updated: count('updated'),
    unchanged: count('unchanged'),
    unitsCreated: diff.newUnits.length,
    skippedRows: dataRows - importedRows,
    updatedNames: diff.changes.filter((c) => c.status === 'updated').map((c) => c.planned.name),
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
 * by chunk, each chunk one transaction.
 */
async function applyDiff(db: Db, orgId: number, diff: RosterDiff, chunkSize: number): Promise<void> {
  const changed = diff.changes.filter((c) => c.status !== 'unchanged');
  await writeRoster(db, {
    orgId,
    newUnits: diff.newUnits,
    dropAccounts: changed.flatMap((c) => (c.personId ? c.dropChannels.map((channel) => ({ personId: c.personId!, channel })) : [])),
    people: changed,
    chunkSize,
    toChunk: rosterChunk,
    // Prisma's @updatedAt and @default(now()) are the time of the write, not the import's clock.
    now: new Date(),
  });
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
