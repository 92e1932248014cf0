// npm run roster:import -- FILE [--org CODE] [--org-name NAME] [--skip-bad-rows]
// Exit codes: 0 imported; 1 nothing imported (bad file, bad rows, database problem);
// 2 the command line itself is wrong.
//
// Here, in src/, so that the npm script runs it compiled like the service (scripts/roster-import.mjs,
// scripts/compile.mjs): without tsx's loader thread and its copies of every source file the
// command starts about 40 MB smaller. scripts/roster-import.ts runs the same under tsx.
import { existsSync } from 'node:fs';
import { ConfigError, loadConfig, LOCAL_DATABASE_URL } from '../config.ts';
import { AppError, errorMessage } from '../lib/errors.ts';
import { channelsOf } from '../platforms/org-channels.ts';
import { migrateDatabase } from '../repositories/migrate.ts';
import { connectDb } from '../repositories/prisma.ts';
import { parseImportArgs, type ImportArgs } from '../services/roster/import-args.ts';
import { cliMessages, formatReport } from '../services/roster/messages.ts';
import { importRoster } from '../services/roster/roster-service.ts';

/** Runs the command; resolves with its exit code. */
export async function rosterImportCli(argv: string[]): Promise<number> {
  const parsed = parseImportArgs(argv);
  if (!parsed.ok) {
    console.error(parsed.error);
    return 2;
  }
  if (parsed.help) {
    console.log(cliMessages.usage);
    return 0;
  }
  if (!existsSync(parsed.args.file)) {
    console.error(cliMessages.fileNotFound(parsed.args.file));
    return 1;
  }
  try {
    return await run(parsed.args);
  } catch (err) {
    const shown = err instanceof ConfigError || (err instanceof AppError && err.expose);
    console.error(shown ? errorMessage(err) : cliMessages.failed(errorMessage(err)));
    return 1;
  }
}

async function run(args: ImportArgs): Promise<number> {
  const config = loadConfig();
  // A fresh install may import the roster before the bot has ever started.
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    const orgCode = args.orgCode ?? config.orgCode;
    const report = await importRoster(db, {
      orgCode,
      orgName: args.orgName,
      file: args.file,
      skipBadRows: args.skipBadRows,
      reachable: await channelsOf(db, config, orgCode),
    });
    for (const line of formatReport(report)) console.log(line);
    // Easy to do by mistake before .env is written: real people in the demo's database.
    if (report.applied && config.mode === 'local' && config.databaseUrl === LOCAL_DATABASE_URL) console.error(cliMessages.intoLocalDatabase(config.databaseUrl));
    return report.applied ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}
