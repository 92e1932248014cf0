// npm run unit -- chat --unit NAME (--create | --chatid ID | --off) [--org CODE]
//                 parent --unit GROUP (--parent LARGE_GROUP [--create] | --off) [--org CODE]
//                 home --unit STATION [--off] [--org CODE]
//                 show [--org CODE]
// chat: links a unit to a WeCom app group chat for one-line activity announcements (rule A4).
// parent: puts a group under a larger group (大组, rules U2, A2); home: marks a station as a
// deputies' home (代表之家, rule A3); show: the structure. The roster file's nine columns stay
// as they are: the structure lives here. Exit 0 done, 1 refused, 2 bad command line.
import { parseArgs } from 'node:util';
import { runCli, withOrganisation, type CliContext } from './cli.ts';
import { createUnitChat, setUnitChat } from '../src/services/unit-chat-service.ts';
import { describeStructure, setDeputiesHome, setLargerGroup } from '../src/services/units/unit-structure-service.ts';

const USAGE = [
  'usage: npm run unit -- chat --unit NAME (--create | --chatid ID | --off) [--org CODE]',
  '       npm run unit -- parent --unit GROUP (--parent LARGE_GROUP [--create] | --off) [--org CODE]',
  '       npm run unit -- home --unit STATION [--off] [--org CODE]',
  '       npm run unit -- show [--org CODE]',
].join('\n');

type Values = { unit?: string; create?: boolean; chatid?: string; off?: boolean; org?: string; parent?: string };
type Run = (ctx: CliContext) => Promise<{ ok: boolean; message: string } | { ok: true; lines: string[] }>;

/** The work the command line asks for, or undefined when it is not a valid command line. */
function plan(command: string | undefined, v: Values): Run | undefined {
  const unit = v.unit;
  if (command === 'chat') {
    const choices = [v.create, v.chatid !== undefined, v.off].filter(Boolean).length;
    if (!unit || choices !== 1 || v.parent !== undefined) return undefined;
    return ({ db, org }) => (v.create ? createUnitChat(db, org.id, unit, new Date()) : setUnitChat(db, org.id, unit, v.off ? null : v.chatid!));
  }
  if (command === 'parent') {
    if (!unit || v.chatid !== undefined || (v.parent === undefined) === !v.off || (v.off && v.create)) return undefined;
    return ({ db, org }) => setLargerGroup(db, org.id, unit, v.off ? null : v.parent!, v.create === true);
  }
  if (command === 'home') {
    if (!unit || v.create || v.chatid !== undefined || v.parent !== undefined) return undefined;
    return ({ db, org }) => setDeputiesHome(db, org.id, unit, !v.off);
  }
  if (command === 'show' && !unit && !v.create && !v.off && v.chatid === undefined && v.parent === undefined) {
    return async ({ db, org }) => ({ ok: true, lines: await describeStructure(db, org.id) });
  }
  return undefined;
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { unit: { type: 'string' }, create: { type: 'boolean' }, chatid: { type: 'string' }, off: { type: 'boolean' }, org: { type: 'string' }, parent: { type: 'string' } },
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = args;
  const work = positionals.length === 1 ? plan(positionals[0], values) : undefined;
  if (!work) {
    console.error(USAGE);
    return 2;
  }
  return withOrganisation(values.org, async (ctx) => {
    const result = await work(ctx);
    if ('lines' in result) {
      for (const line of result.lines) console.log(line);
      return 0;
    }
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  });
}

runCli(main);
