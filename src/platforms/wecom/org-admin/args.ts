// Pure: the `npm run org` command line and the WECOM_* lines it may read from stdin. Every
// mistake becomes one sentence.
import type { WecomCredentials } from '../org-credentials.ts';
import { orgMessages as m } from './messages.ts';

export type OrgCommand =
  | { op: 'add'; code: string; name: string; fields: Partial<WecomCredentials>; stdin: boolean }
  | { op: 'set'; code: string; fields: Partial<WecomCredentials>; stdin: boolean }
  | { op: 'list' }
  | { op: 'rekey' };

type Field = keyof WecomCredentials;

/** Each credential: its flag, its variable (stdin and the single-organisation setup) and its form. */
export const FIELDS: { field: Field; flag: string; env: string; form: RegExp; rule: string }[] = [
  { field: 'corpId', flag: '--corp-id', env: 'WECOM_CORP_ID', form: /^[A-Za-z0-9]{1,64}$/, rule: '企业 ID 只含字母和数字' },
  { field: 'agentId', flag: '--agent-id', env: 'WECOM_AGENT_ID', form: /^\d{1,10}$/, rule: 'AgentId 是数字' },
  { field: 'secret', flag: '--secret', env: 'WECOM_SECRET', form: /^\S{1,128}$/, rule: 'Secret 不能含空白' },
  { field: 'token', flag: '--token', env: 'WECOM_TOKEN', form: /^[A-Za-z0-9]{1,32}$/, rule: 'Token 是 1–32 位字母或数字' },
  { field: 'aesKey', flag: '--aes-key', env: 'WECOM_AES_KEY', form: /^[A-Za-z0-9]{43}$/, rule: 'EncodingAESKey 是 43 位字母或数字' },
  { field: 'botToken', flag: '--bot-token', env: 'WECOM_BOT_TOKEN', form: /^[A-Za-z0-9]{1,32}$|^$/, rule: '机器人 Token 是 1–32 位字母或数字' },
  { field: 'botAesKey', flag: '--bot-aes-key', env: 'WECOM_BOT_AES_KEY', form: /^[A-Za-z0-9]{43}$|^$/, rule: '机器人 EncodingAESKey 是 43 位字母或数字' },
];
export const REQUIRED: Field[] = ['corpId', 'agentId', 'secret', 'token', 'aesKey'];
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function parseOrgArgs(argv: string[]): OrgCommand | string {
  const [op, ...rest] = argv;
  if (op === undefined) return m.missingCommand;
  if (op === 'list' || op === 'rekey') return rest.length ? m.extraWords(rest) : { op };
  if (op !== 'add' && op !== 'set') return m.unknownCommand(op);
  const read = readFlags(rest);
  if (typeof read === 'string') return read;
  const [code, name, ...extra] = read.words;
  if (code === undefined) return m.missingCode;
  if (!ORG_CODE.test(code)) return m.badCode(code);
  if (op === 'set') {
    if (name !== undefined) return m.extraWords([name, ...extra]);
    return { op, code, fields: read.fields, stdin: read.stdin };
  }
  if (name === undefined || !name.trim()) return m.missingName;
  if (extra.length) return m.extraWords(extra);
  return { op, code, name: name.trim(), fields: read.fields, stdin: read.stdin };
}

function readFlags(args: string[]): { words: string[]; fields: Partial<WecomCredentials>; stdin: boolean } | string {
  const words: string[] = [];
  const fields: Partial<WecomCredentials> = {};
  let stdin = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--stdin') stdin = true;
    else if (!arg.startsWith('--')) words.push(arg);
    else {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const spec = FIELDS.find((f) => f.flag === flag);
      if (!spec) return m.unknownFlag(flag);
      const value = inline ?? args[++i];
      if (value === undefined) return m.missingValue(flag);
      const problem = putField(fields, spec.field, value, flag);
      if (problem) return problem;
    }
  }
  return { words, fields, stdin };
}

/** Checks one value and stores it; a problem sentence when it is malformed or given twice. */
export function putField(fields: Partial<WecomCredentials>, field: Field, raw: string, label: string): string | undefined {
  const spec = FIELDS.find((f) => f.field === field)!;
  const value = raw.trim();
  if (!spec.form.test(value)) return m.badField(label, spec.rule);
  if (fields[field] !== undefined) return m.twice(label);
  (fields as Record<Field, string | number>)[field] = field === 'agentId' ? Number(value) : value;
  return undefined;
}

/** `WECOM_SECRET=…` lines (blank lines and # comments skipped) into the fields, after the flags. */
export function readStdinFields(text: string, fields: Partial<WecomCredentials>): string | undefined {
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) return m.stdinLine(i + 1);
    const name = trimmed.slice(0, eq).trim();
    const spec = FIELDS.find((f) => f.env === name);
    if (!spec) return m.stdinName(i + 1, name);
    const problem = putField(fields, spec.field, trimmed.slice(eq + 1).replace(/^(['"])(.*)\1$/, '$2'), name);
    if (problem) return problem;
  }
  return undefined;
}

/** For add: what is missing, and the robot's two keys together or not at all. */
export function checkComplete(fields: Partial<WecomCredentials>, op: 'add' | 'set'): string | undefined {
  const missing = op === 'add' ? REQUIRED.filter((f) => fields[f] === undefined) : [];
  if (missing.length) return m.missingFields(missing.map((f) => FIELDS.find((s) => s.field === f)!.flag));
  // set may change one robot key of a robot that has both (the admin checks the row).
  if (op === 'add' && (fields.botToken === undefined) !== (fields.botAesKey === undefined)) return m.robotPair;
  if ((fields.botToken === '') !== (fields.botAesKey === '') && (fields.botToken === '' || fields.botAesKey === '')) return m.robotPair;
  if (op === 'set' && Object.keys(fields).length === 0) return m.nothingToSet;
  return undefined;
}
