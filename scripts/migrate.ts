// npm run db:migrate — apply committed migrations to DATABASE_URL now.
import { loadConfig, ConfigError } from '../src/config.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';

try {
  const config = loadConfig();
  const result = await migrateDatabase(config.databaseUrl);
  for (const name of result.applied) console.log(`applied ${name}`);
  console.log(`database is up to date (${result.applied.length} applied now, ${result.alreadyApplied} already applied)`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `migration failed: ${(err as Error).message}`);
  process.exit(1);
}
