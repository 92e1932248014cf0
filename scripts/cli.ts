// What the office's command lines share: read the config, apply migrations, open the
// database, find the organisation (--org or ORG_CODE), run, close, and turn the outcome into
// an exit code (0 done, 1 refused or failed, 2 bad command line) with one line on errors.
import { ConfigError, loadConfig, type Config } from '../src/config.ts';
import { channelsOf } from '../src/platforms/org-channels.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { findOrganisationByCode } from '../src/repositories/org-repo.ts';
import { connectDb, type Db } from '../src/repositories/prisma.ts';
import { knowOrgChannels } from '../src/services/audience.ts';

export interface CliContext {
  db: Db;
  config: Config;
  org: { id: number; code: string; name: string };
}

/** Runs `work` against the organisation's database; an unknown organisation is exit 2. */
export async function withOrganisation(orgCode: string | undefined, work: (ctx: CliContext) => Promise<number>): Promise<number> {
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    const code = orgCode ?? config.orgCode;
    const org = await findOrganisationByCode(db, code);
    if (!org) {
      console.error(`--org: 没有代码为「${code}」的组织，请先导入名册`);
      return 2;
    }
    // Sends of a command line choose platforms as the service does: only where the organisation has an app.
    knowOrgChannels(db, async (orgId) => (orgId === org.id ? channelsOf(db, config, org.code) : []));
    return await work({ db, config, org });
  } finally {
    await db.$disconnect();
  }
}

/** Runs a command line's main and exits with its code. */
export function runCli(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.error(err instanceof ConfigError ? err.message : `failed: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}
