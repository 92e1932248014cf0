// npm run unit -- chat --unit NAME (--create | --chatid ID | --off) [--org CODE]
// Links a unit to a WeCom app group chat for one-line activity announcements (rule A4).
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.ts';
import { migrate } from '../src/repositories/migrate.ts';
import { findOrganisationByCode } from '../src/repositories/org-repo.ts';
import { connectDb } from '../src/repositories/prisma.ts';
import { createUnitChat, setUnitChat } from '../src/services/unit-chat-service.ts';

const USAGE = 'usage: npm run unit -- chat --unit NAME (--create | --chatid ID | --off) [--org CODE]';

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { unit: { type: 'string' }, create: { type: 'boolean' }, chatid: { type: 'string' }, off: { type: 'boolean' }, org: { type: 'string' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = args;
  const choices = [values.create, values.chatid !== undefined, values.off].filter(Boolean).length;
  if (positionals[0] !== 'chat' || !values.unit || choices !== 1) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  migrate(config.databaseUrl);
  const db = await connectDb(config.databaseUrl);
  try {
    const org = await findOrganisationByCode(db, values.org ?? config.orgCode);
    if (!org) {
      console.error(`--org: 没有代码为「${values.org ?? config.orgCode}」的组织，请先导入名册`);
      return 2;
    }
    const result = values.create
      ? await createUnitChat(db, org.id, values.unit, new Date())
      : await setUnitChat(db, org.id, values.unit, values.off ? null : values.chatid!);
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  } finally {
    await db.$disconnect();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : `failed: ${(err as Error).message}`);
    process.exit(1);
  },
);
