// npm run policy -- show | set KEY VALUE | reset KEY  [--org CODE]
// The organisation's policy: every number and name the rules use (domain.md's defaults unless
// the office set its own). show prints one line per setting: key, value, default, whether it is
// set; set checks the value with the setting's own rule; reset goes back to the default. Every
// error is one line on stderr and exit 1. The running bot reads the new value at its next use.
import { parseArgs } from 'node:util';
import { onPolicyProblems } from '../src/repositories/org-repo.ts';
import { formatValue, resetPolicyField, setPolicyField, showPolicy, type PolicySetting } from '../src/services/policy/policy-service.ts';
import { policyText as t } from '../src/services/policy/messages.ts';
import { runCli, withOrganisation } from './cli.ts';

const USAGE = 'usage: npm run policy -- show | set KEY VALUE | reset KEY [--org CODE]';

type Command = { op: 'show' } | { op: 'set'; key: string; value: string } | { op: 'reset'; key: string };

function parseCommand(argv: string[]): { command: Command; org?: string } | string {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { org: { type: 'string' } } });
  } catch (err) {
    return `${(err as Error).message.split('\n')[0]}；${USAGE}`;
  }
  const [op, key, ...rest] = parsed.positionals;
  const org = parsed.values.org;
  if (op === 'show' && key === undefined) return { command: { op }, org };
  // A value may contain spaces (a body's name): the rest of the line is the value.
  if (op === 'set' && key && rest.length) return { command: { op, key, value: rest.join(' ') }, org };
  if (op === 'reset' && key && !rest.length) return { command: { op, key }, org };
  return USAGE;
}

function line(s: PolicySetting, width: number): string {
  const state = s.refused ? t.refused(s.refused) : s.stored ? t.stored : t.defaulted;
  return `${s.key.padEnd(width)}  ${formatValue(s.value)}  （默认 ${formatValue(s.defaultValue)}，${state}）  ${s.label}`;
}

async function main(): Promise<number> {
  const parsed = parseCommand(process.argv.slice(2));
  if (typeof parsed === 'string') {
    console.error(parsed);
    return 1;
  }
  const code = await withOrganisation(parsed.org, async ({ db, org }) => {
    onPolicyProblems(db, () => {}); // show reports refused fields in its own lines
    const { command } = parsed;
    if (command.op === 'show') {
      const view = await showPolicy(db, org.id);
      const width = Math.max(...view.settings.map((s) => s.key.length));
      for (const s of view.settings) console.log(line(s, width));
      for (const key of view.unknown) console.log(t.unknownStored(key));
      return 0;
    }
    const result = command.op === 'set' ? await setPolicyField(db, org.id, command.key, command.value) : await resetPolicyField(db, org.id, command.key);
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  });
  return code === 0 ? 0 : 1;
}

runCli(main);
