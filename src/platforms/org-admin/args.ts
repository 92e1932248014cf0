// Pure: the `npm run org` command line and the WECOM_* / DINGTALK_* lines it may read from
// stdin. Every mistake becomes one sentence.
import type { DingtalkCredentials } from '../dingtalk/org-apps.ts';
import type { WecomCredentials } from '../wecom/org-credentials.ts';
import { orgMessages as m } from './messages.ts';

/** `fields`: the WeCom app's; `dingtalk`: the DingTalk app's. Either may be empty. */
export type OrgCommand =
  | { op: 'add'; code: string; name: string; fields: Partial<WecomCredentials>; dingtalk: Partial<DingtalkCredentials>; stdin: boolean }
  | { op: 'set'; code: string; fields: Partial<WecomCredentials>; dingtalk: Partial<DingtalkCredentials>; stdin: boolean }
  | { op: 'remove'; code: string; wecom: boolean; dingtalk: boolean }
  | { op: 'list' }
  | { op: 'rekey' };

type Field = keyof WecomCredentials;
type DingtalkField = keyof DingtalkCredentials;
interface Spec<F> { field: F; flag: string; env: string; form: RegExp; rule: string }

/** Each credential: its flag, its variable (stdin and the single-organisation setup) and its form. */
export const FIELDS: Spec<Field>[] = [
  { field: 'corpId', flag: '--corp-id', env: 'WECOM_CORP_ID', form: /^[A-Za-z0-9]{1,64}$/, rule: '企业 ID 只含字母和数字' },
  { field: 'agentId', flag: '--agent-id', env: 'WECOM_AGENT_ID', form: /^\d{1,10}$/, rule: 'AgentId 是数字' },
  { field: 'secret', flag: '--secret', env: 'WECOM_SECRET', form: /^\S{1,128}$/, rule: 'Secret 不能含空白' },
  { field: 'token', flag: '--token', env: 'WECOM_TOKEN', form: /^[A-Za-z0-9]{1,32}$/, rule: 'Token 是 1–32 位字母或数字' },
  { field: 'aesKey', flag: '--aes-key', env: 'WECOM_AES_KEY', form: /^[A-Za-z0-9]{43}$/, rule: 'EncodingAESKey 是 43 位字母或数字' },
  { field: 'botToken', flag: '--bot-token', env: 'WECOM_BOT_TOKEN', form: /^[A-Za-z0-9]{1,32}$|^$/, rule: '机器人 Token 是 1–32 位字母或数字' },
  { field: 'botAesKey', flag: '--bot-aes-key', env: 'WECOM_BOT_AES_KEY', form: /^[A-Za-z0-9]{43}$|^$/, rule: '机器人 EncodingAESKey 是 43 位字母或数字' },
];
export const REQUIRED: Field[] = ['corpId', 'agentId', 'secret', 'token', 'aesKey'];

/** The DingTalk app's five, all required (the same forms as the DINGTALK_* variables'). */
export const DINGTALK_FIELDS: Spec<DingtalkField>[] = [
  { field: 'clientId', flag: '--dingtalk-client-id', env: 'DINGTALK_CLIENT_ID', form: /^[A-Za-z0-9_-]{1,64}$/, rule: 'Client ID 只含字母、数字、下划线或短横线' },
  { field: 'clientSecret', flag: '--dingtalk-client-secret', env: 'DINGTALK_CLIENT_SECRET', form: /^\S{1,128}$/, rule: 'Client Secret 不能含空白' },
  { field: 'robotCode', flag: '--dingtalk-robot-code', env: 'DINGTALK_ROBOT_CODE', form: /^[A-Za-z0-9_-]{1,64}$/, rule: 'RobotCode 只含字母、数字、下划线或短横线' },
  { field: 'noticeTemplate', flag: '--dingtalk-card-notice', env: 'DINGTALK_CARD_TEMPLATE_NOTICE', form: /^[A-Za-z0-9._-]{1,128}$/, rule: '通知卡片模板 ID 只含字母、数字、点、下划线或短横线' },
  { field: 'approvalTemplate', flag: '--dingtalk-card-approval', env: 'DINGTALK_CARD_TEMPLATE_APPROVAL', form: /^[A-Za-z0-9._-]{1,128}$/, rule: '审批卡片模板 ID 只含字母、数字、点、下划线或短横线' },
];
const ORG_CODE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function parseOrgArgs(argv: string[]): OrgCommand | string {
  const [op, ...rest] = argv;
  if (op === undefined) return m.missingCommand;
  if (op === 'list' || op === 'rekey') return rest.length ? m.extraWords(rest) : { op };
  if (op === 'remove') return parseRemove(rest);
  if (op !== 'add' && op !== 'set') return m.unknownCommand(op);
  const read = readFlags(rest);
  if (typeof read === 'string') return read;
  const [code, name, ...extra] = read.words;
  if (code === undefined) return m.missingCode;
  if (!ORG_CODE.test(code)) return m.badCode(code);
  const { fields, dingtalk, stdin } = read;
  if (op === 'set') {
    if (name !== undefined) return m.extraWords([name, ...extra]);
    return { op, code, fields, dingtalk, stdin };
  }
  if (name === undefined || !name.trim()) return m.missingName;
  if (extra.length) return m.extraWords(extra);
  return { op, code, name: name.trim(), fields, dingtalk, stdin };
}

/** `remove CODE --wecom`, `--dingtalk` or both: which of the organisation's stored apps to forget. */
function parseRemove(args: string[]): OrgCommand | string {
  const words = args.filter((a) => !a.startsWith('--'));
  const unknown = args.find((a) => a.startsWith('--') && a !== '--wecom' && a !== '--dingtalk');
  if (unknown) return m.unknownFlag(unknown);
  const [code, ...extra] = words;
  if (code === undefined) return m.missingCode;
  if (!ORG_CODE.test(code)) return m.badCode(code);
  if (extra.length) return m.extraWords(extra);
  const [wecom, dingtalk] = [args.includes('--wecom'), args.includes('--dingtalk')];
  if (!wecom && !dingtalk) return m.missingPlatform;
  return { op: 'remove', code, wecom, dingtalk };
}

type Read = { words: string[]; fields: Partial<WecomCredentials>; dingtalk: Partial<DingtalkCredentials>; stdin: boolean };

function readFlags(args: string[]): Read | string {
  const read: Read = { words: [], fields: {}, dingtalk: {}, stdin: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--stdin') read.stdin = true;
    else if (!arg.startsWith('--')) read.words.push(arg);
    else {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      const spec = FIELDS.find((f) => f.flag === flag);
      const dingtalkSpec = DINGTALK_FIELDS.find((f) => f.flag === flag);
      if (!spec && !dingtalkSpec) return m.unknownFlag(flag);
      const value = inline ?? args[++i];
      if (value === undefined) return m.missingValue(flag);
      const problem = spec ? putField(read.fields, spec.field, value, flag) : putDingtalkField(read.dingtalk, dingtalkSpec!.field, value, flag);
      if (problem) return problem;
    }
  }
  return read;
}

/** Checks one value against its spec and stores it; a problem sentence when it is malformed or given twice. */
function putValue<K extends string>(fields: Partial<Record<K, string | number>>, spec: { field: K; form: RegExp; rule: string }, raw: string, label: string): string | undefined {
  const value = raw.trim();
  if (!spec.form.test(value)) return m.badField(label, spec.rule);
  if (fields[spec.field] !== undefined) return m.twice(label);
  fields[spec.field] = spec.field === 'agentId' ? Number(value) : value;
  return undefined;
}

export function putField(fields: Partial<WecomCredentials>, field: Field, raw: string, label: string): string | undefined {
  return putValue(fields, FIELDS.find((f) => f.field === field)!, raw, label);
}

export function putDingtalkField(fields: Partial<DingtalkCredentials>, field: DingtalkField, raw: string, label: string): string | undefined {
  return putValue(fields, DINGTALK_FIELDS.find((f) => f.field === field)!, raw, label);
}

/** `WECOM_SECRET=…` / `DINGTALK_CLIENT_SECRET=…` lines (blank lines and # comments skipped) into the fields, after the flags. */
export function readStdinFields(text: string, fields: Partial<WecomCredentials>, dingtalk: Partial<DingtalkCredentials>): string | undefined {
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) return trimmed.startsWith('DINGTALK_') ? m.stdinDingtalkLine(i + 1) : m.stdinLine(i + 1);
    const name = trimmed.slice(0, eq).trim();
    const value = trimmed.slice(eq + 1).replace(/^(['"])(.*)\1$/, '$2');
    const spec = FIELDS.find((f) => f.env === name);
    const dingtalkSpec = DINGTALK_FIELDS.find((f) => f.env === name);
    if (!spec && !dingtalkSpec) return m.stdinName(i + 1, name);
    const problem = spec ? putField(fields, spec.field, value, name) : putDingtalkField(dingtalk, dingtalkSpec!.field, value, name);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * For add: at least one platform's app, each one given complete, and the robot's two keys
 * together or not at all. For set: something to set.
 */
export function checkComplete(fields: Partial<WecomCredentials>, dingtalk: Partial<DingtalkCredentials>, op: 'add' | 'set'): string | undefined {
  const [wecomGiven, dingtalkGiven] = [Object.keys(fields).length > 0, Object.keys(dingtalk).length > 0];
  if (op === 'add' && !wecomGiven && !dingtalkGiven) return m.missingApp;
  const missing = op === 'add' && wecomGiven ? REQUIRED.filter((f) => fields[f] === undefined) : [];
  if (missing.length) return m.missingFields(missing.map((f) => FIELDS.find((s) => s.field === f)!.flag));
  const missingDingtalk = op === 'add' ? DINGTALK_FIELDS.filter((s) => dingtalkGiven && dingtalk[s.field] === undefined) : [];
  if (missingDingtalk.length) return m.missingDingtalkFields(missingDingtalk.map((s) => s.flag));
  // set may change one robot key of a robot that has both (the admin checks the row).
  if (op === 'add' && (fields.botToken === undefined) !== (fields.botAesKey === undefined)) return m.robotPair;
  if ((fields.botToken === '') !== (fields.botAesKey === '') && (fields.botToken === '' || fields.botAesKey === '')) return m.robotPair;
  if (op === 'set' && !wecomGiven && !dingtalkGiven) return m.nothingToSet;
  return undefined;
}
