// npm run unit -- chat --unit NAME (--create | --chatid ID | --off) [--org CODE]
// Links a unit to a WeCom app group chat for one-line activity announcements (rule A4).
import { parseArgs } from 'node:util';
import { runCli, withOrganisation } from './cli.ts';
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
  return withOrganisation(values.org, async ({ db, org }) => {
    const result = values.create
      ? await createUnitChat(db, org.id, values.unit!, new Date())
      : await setUnitChat(db, org.id, values.unit!, values.off ? null : values.chatid!);
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  });
}

runCli(main);
