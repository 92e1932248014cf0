// Local mode serves /sim, where anyone can speak as anyone, so it runs only over demo data: a
// database that holds a roster imported from a file, or any organisation but the demo one, is
// a real deployment's (its WeCom variables failed to load, or DATABASE_URL points at it).
import { ConfigError } from '../config.ts';
import { listOrganisations } from '../repositories/org-repo.ts';
import type { Db } from '../repositories/prisma.ts';
import { DEMO_ORG_NAME } from '../services/roster/roster-service.ts';

const WHAT_TO_DO =
  'local mode (no WECOM_* variable set) runs only on demo data because /sim lets anyone speak as anyone; ' +
  'set the WECOM_* variables for WeCom mode, or point DATABASE_URL at another file for local mode';

/** Throws one line naming DATABASE_URL unless the database is empty or holds only the demo county. */
export async function assertDemoDatabase(db: Db, databaseUrl: string, orgCode: string): Promise<void> {
  for (const org of await listOrganisations(db)) {
    const reason = org.rosterFile
      ? `holds a roster imported from ${org.rosterFile} on ${org.rosterFileImportedAt?.toISOString().slice(0, 10)} (organisation ${org.code})`
      : org.code !== orgCode || org.name !== DEMO_ORG_NAME
        ? `holds the organisation ${org.code} (${org.name}), not local mode's demo county`
        : undefined;
    if (reason) throw new ConfigError('DATABASE_URL', `${databaseUrl} ${reason}: ${WHAT_TO_DO}`);
  }
}
