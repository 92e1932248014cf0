// npm run db:backup -- [--out FILE]
// A consistent backup of DATABASE_URL while the bot runs: SQLite's online backup API, or
// pg_dump (custom format) for PostgreSQL. Default file: backups/bot-<UTC timestamp>.db|.dump.
// Exit 0 done, 1 the backup failed, 2 the command line is wrong.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { BackupError, backupDatabase, defaultBackupFile } from './lib/backup.ts';

let out: string | undefined;
try {
  out = parseArgs({ args: process.argv.slice(2), options: { out: { type: 'string' } } }).values.out;
} catch (err) {
  console.error(`${(err as Error).message}\nusage: npm run db:backup -- [--out FILE]`);
  process.exit(2);
}
try {
  const { databaseUrl } = loadConfig();
  const file = out ?? defaultBackupFile(databaseUrl, new Date());
  const { bytes } = await backupDatabase(databaseUrl, file);
  console.log(`backed up to ${file} (${bytes} bytes)`);
} catch (err) {
  if (err instanceof ConfigError || err instanceof BackupError) console.error(err.message);
  else console.error(`backup failed: ${(err as Error).message}`);
  process.exit(1);
}
