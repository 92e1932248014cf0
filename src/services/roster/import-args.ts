// Pure: the roster:import command line. Every mistake becomes one sentence plus the usage line.
import { cliMessages } from './messages.ts';

export interface ImportArgs {
  file: string;
  orgCode?: string;
  orgName?: string;
  skipBadRows: boolean;
}

export type ParsedArgs =
  | { ok: true; help: true }
  | { ok: true; help: false; args: ImportArgs }
  | { ok: false; error: string };

/** Same rule as ORG_CODE in src/config.ts. */
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;
const VALUE_FLAGS = { '--org': 'orgCode', '--org-name': 'orgName' } as const;

export function parseImportArgs(argv: string[]): ParsedArgs {
  const files: string[] = [];
  const out: Partial<ImportArgs> = { skipBadRows: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' || arg === '--help') return { ok: true, help: true };
    if (arg === '--skip-bad-rows') out.skipBadRows = true;
    else if (!arg.startsWith('-') || arg === '-') files.push(arg);
    else {
      const taken = readValueFlag(arg, argv[i + 1], out);
      if (typeof taken === 'string') return fail(taken);
      i += taken;
    }
  }
  return finish(files, out);
}

/** Returns how many extra arguments the flag consumed, or an error sentence. */
function readValueFlag(arg: string, next: string | undefined, out: Partial<ImportArgs>): number | string {
  const eq = arg.indexOf('=');
  const flag = eq < 0 ? arg : arg.slice(0, eq);
  if (!(flag in VALUE_FLAGS)) return cliMessages.unknownFlag(flag);
  const key = VALUE_FLAGS[flag as keyof typeof VALUE_FLAGS];
  if (eq >= 0) {
    out[key] = arg.slice(eq + 1).trim();
    return 0;
  }
  if (next === undefined || next.startsWith('--')) return cliMessages.missingValue(flag);
  out[key] = next.trim();
  return 1;
}

function finish(files: string[], out: Partial<ImportArgs>): ParsedArgs {
  if (files.length === 0) return fail(cliMessages.missingFile);
  if (files.length > 1) return fail(cliMessages.tooManyFiles(files));
  if (out.orgCode !== undefined && !ORG_CODE.test(out.orgCode)) return fail(cliMessages.badOrgCode(out.orgCode));
  if (out.orgName === '') return fail(cliMessages.emptyOrgName);
  return { ok: true, help: false, args: { ...out, file: files[0]!, skipBadRows: out.skipBadRows ?? false } };
}

function fail(sentence: string): ParsedArgs {
  return { ok: false, error: `${sentence}${cliMessages.usage}` };
}
