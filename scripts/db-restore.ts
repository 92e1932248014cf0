// npm run db:restore -- FILE
// Restores a backup made by db:backup into DATABASE_URL, which must be new: a SQLite file that
// does not exist yet, or an empty PostgreSQL database (createdb first). Start the bot on it
// afterwards: migrations newer than the backup are applied at start.
// Exit 0 done, 1 the restore failed, 2 the command line is wrong.
import { ConfigError, loadConfig } from '../src/config.ts';
import { BackupError, restoreDatabase } from './lib/backup.ts';

const file = process.argv[2];
if (!file || process.argv.length > 3) {
  console.error('usage: npm run db:restore -- FILE   (DATABASE_URL: a new SQLite file or an empty PostgreSQL database)');
  process.exit(2);
}
try {
  const { databaseUrl } = loadConfig();
  await restoreDatabase(file, databaseUrl);
  console.log(`restored ${file}`);
} catch (err) {
  if (err instanceof ConfigError || err instanceof BackupError) console.error(err.message);
  else console.error(`restore failed: ${(err as Error).message}`);
  process.exit(1);
}
