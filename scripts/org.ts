// npm run org -- add CODE NAME [--corp-id … (WeCom)] [--dingtalk-client-id … (DingTalk)] [--stdin]
//              | list | set CODE --FIELD VALUE … [--stdin] | remove CODE --wecom|--dingtalk | rekey
// Organisations of a deployment that serves many, with their WeCom and DingTalk apps' secrets
// stored sealed with SECRETS_KEY. add needs one app complete (the five WeCom flags --corp-id,
// --agent-id, --secret, --token, --aes-key, or the five DingTalk ones --dingtalk-client-id,
// --dingtalk-client-secret, --dingtalk-robot-code, --dingtalk-card-notice,
// --dingtalk-card-approval) or both; --stdin reads WECOM_* and DINGTALK_* lines instead, so
// secrets stay out of the shell history. remove forgets an app, never the organisation or its
// people and records. One line per error, exit 1.
import { text } from 'node:stream/consumers';
import { loadConfig } from '../src/config.ts';
import { checkStoredSecrets } from '../src/platforms/stored-secrets.ts';
import { parseOrgArgs, readStdinFields, type OrgCommand } from '../src/platforms/org-admin/args.ts';
import { USAGE } from '../src/platforms/org-admin/messages.ts';
import { addOrg, listOrgs, rekeyOrgs, removeOrgApps, setOrg, type AdminResult, type OrgAdminDeps } from '../src/platforms/org-admin/org-admin.ts';
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
    const problem = readStdinFields(await text(process.stdin), command.fields, command.dingtalk);
    if (problem) return refuse(problem);
  }
  const config = loadConfig();
  await migrateDatabase(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    // The key must open what is stored before anything is sealed with it (list and remove seal nothing: no key).
    const box = command.op === 'list' || command.op === 'remove' ? undefined : await checkStoredSecrets(db, config.secretsKeys);
    const deps: OrgAdminDeps = {
      db, box, envOrgCode: config.wecom ? config.orgCode : undefined, envApp: config.wecom, now: new Date(),
      ...(config.dingtalk ? { envDingtalk: { orgCode: config.orgCode, clientId: config.dingtalk.clientId } } : {}),
    };
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
      return addOrg(deps, command.code, command.name, command.fields, command.dingtalk);
    case 'set':
      return setOrg(deps, command.code, command.fields, command.dingtalk);
    case 'remove':
      return removeOrgApps(deps, command.code, command);
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
