// npm run org -- add CODE NAME --corp-id … [--stdin] | list | set CODE --FIELD VALUE … [--stdin] | rekey
// Organisations of a deployment that serves many, with their WeCom credentials stored sealed
// with SECRETS_KEY. One line per error, exit 1.
import { text } from 'node:stream/consumers';
import { loadConfig } from '../src/config.ts';
import { checkStoredSecrets } from '../src/platforms/wecom/org-credentials.ts';
import { parseOrgArgs, readStdinFields, type OrgCommand } from '../src/platforms/wecom/org-admin/args.ts';
import { USAGE } from '../src/platforms/wecom/org-admin/messages.ts';
import { addOrg, listOrgs, rekeyOrgs, setOrg, type AdminResult, type OrgAdminDeps } from '../src/platforms/wecom/org-admin/org-admin.ts';
import { migrateDatabase } from '../src/repositories/migrate.ts';
import { connectDb } from '../src/repositories/prisma.ts';
import { runCli } from './cli.ts';

async function main(): Promise<number> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'help' || argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const command = parseOrgArgs(argv);
  if (typeof command === 'string') return refuse(command);
  if ((command.op === 'add' || command.op === 'set') && command.stdin) {
    const problem = readStdinFields(await text(process.stdin), command.fields);
    if (problem) return refuse(problem);
  }
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    // The key must open what is stored before anything is sealed with it (list needs no key).
    const box = command.op === 'list' ? undefined : await checkStoredSecrets(db, config.secretsKeys);
    const deps: OrgAdminDeps = { db, box, envOrgCode: config.wecom ? config.orgCode : undefined, envApp: config.wecom, now: new Date() };
    const result = await run(deps, command);
    if (!result.ok) return refuse(result.error);
    for (const line of result.lines) console.log(line);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

function run(deps: OrgAdminDeps, command: OrgCommand): Promise<AdminResult> {
  switch (command.op) {
    case 'add':
      return addOrg(deps, command.code, command.name, command.fields);
    case 'set':
      return setOrg(deps, command.code, command.fields);
    case 'list':
      return listOrgs(deps);
    case 'rekey':
      return rekeyOrgs(deps);
  }
}

function refuse(line: string): number {
  console.error(line);
  return 1;
}

runCli(main);
