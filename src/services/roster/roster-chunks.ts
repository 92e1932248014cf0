// The import's diff a chunk of people at a time: each chunk's people are read from the database
// (with their units and accounts), compared with the file, counted for the report, and handed
// on; none is kept, so memory does not grow with the roster.
import type { RosterRepo } from '../../repositories/roster-repo.ts';
import type { PersonChange, RosterDiffer } from './roster-diff.ts';
import type { GivenUpAccount } from './roster-scan.ts';
import type { ExistingPerson, ImportReport, PlannedPerson } from './roster-types.ts';

export interface ChunkSource {
  repo: RosterRepo;
  /** null for an organisation not created yet: nobody exists. */
  orgId: number | null;
  apply: PlannedPerson[];
  differ: RosterDiffer;
  tally: Tally;
  /** Accounts already deleted by this import: the diff compares with the roster as it was. */
  deleted?: GivenUpAccount[];
}

/** The changed people among the `size` people of `apply` from `from`, in file order; made once per import. */
export type ChunkDiff = (from: number, size: number) => Promise<PersonChange[]>;

export function chunkDiff(source: ChunkSource): ChunkDiff {
  const deleted = new Map<number, GivenUpAccount[]>();
  for (const a of source.deleted ?? []) deleted.set(a.personId, [...(deleted.get(a.personId) ?? []), a]);
  return async (from, size) => {
    const part = source.apply.slice(from, from + size);
    const existing = source.orgId === null ? [] : await source.repo.peopleByMobile(source.orgId, part.map((p) => p.mobile));
    const byMobile = new Map<string, ExistingPerson>();
    for (const e of existing) {
      for (const a of deleted.get(e.id) ?? []) e.accounts.push({ channel: a.channel, platformUserId: a.platformUserId });
      byMobile.set(e.mobile, e);
    }
    const changed: PersonChange[] = [];
    for (const p of part) {
      const before = byMobile.get(p.mobile);
      const change = source.differ.person(p, before);
      source.tally.count(change, before);
      if (change.status !== 'unchanged') changed.push(change);
    }
    return changed;
  };
}

/** What the report says about the changes, counted as each person's change goes by. */
export class Tally {
  created = 0;
  unchanged = 0;
  importedRows = 0;
  readonly createdNames: string[] = [];
  readonly updated: { name: string; rejoined: boolean }[] = [];
  /** People who had left and are listed again. */
  readonly rejoinedIds: number[] = [];

  count(change: PersonChange, before: ExistingPerson | undefined): void {
    this.importedRows += change.planned.rowNumbers.length;
    if (change.status === 'created') {
      this.created++;
      this.createdNames.push(change.planned.name);
    } else if (change.status === 'unchanged') this.unchanged++;
    else {
      const rejoined = !!before?.leftAt;
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

/** Compares every chunk without writing (a preview). */
export async function countOnly(source: ChunkSource, size: number): Promise<void> {
  const diff = chunkDiff(source);
  for (let from = 0; from < source.apply.length; from += size) await diff(from, size);
}
