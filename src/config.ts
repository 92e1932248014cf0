// The only reader of process.env. Every variable is documented in .env.example.
// A bad value stops start-up with one line naming the variable and what is wrong.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseIsoInstant } from './lib/shanghai-iso.ts';
import { parseSecretKeys, type SecretKey } from './lib/secret-box.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const REAL_WECOM_API_BASE = 'https://qyapi.weixin.qq.com';
/** WeCom's web authorisation page (connect/oauth2/authorize), docs 91022/96441. */
export const REAL_WECOM_OAUTH_BASE = 'https://open.weixin.qq.com';
/** The shortest CONSOLE_SESSION_SECRET accepted (characters). */
export const CONSOLE_SECRET_MIN = 32;
export const REAL_DINGTALK_API_BASE = 'https://api.dingtalk.com';
/** DingTalk's web sign-in page (login.dingtalk.com/oauth2/auth): the console's sign-in on DingTalk. */
export const REAL_DINGTALK_LOGIN_BASE = 'https://login.dingtalk.com';
/** DingTalk's old API (topapi): the one place that maps a unionId to the organisation's userid. */
export const REAL_DINGTALK_OAPI_BASE = 'https://oapi.dingtalk.com';
/** Rule R6: days a processed callback's or a sent message's content is kept (RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 30;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

/** An http(s) origin with a default (tests point DingTalk's at loopback); no trailing slash. */
function origin(real: string) {
  return z
    .string()
    .trim()
    .default(real)
    .refine((v) => /^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/.test(v), {
      message: `must be an http(s) URL such as ${real}`,
    })
    .transform((v) => v.replace(/\/+$/, ''));
}

const schema = z.object({
  PORT: z.coerce
    .number({ message: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  // Unset: data/local.db in local mode, data/bot.db in WeCom mode (decided in loadConfig).
  // SQLite (file:…) or PostgreSQL (postgresql://…, for several instances on one database).
  DATABASE_URL: optionalText.refine((v) => v === undefined || /^file:.+/.test(v) || /^postgres(ql)?:\/\/[^/\s]+\/[^\s]+$/.test(v), {
    message: 'must be a SQLite file (file:./data/bot.db) or a PostgreSQL URL (postgresql://user:password@host:5432/database)',
  }),
  HOST: optionalText.refine((v) => v === undefined || /^(\[?[0-9A-Fa-f:.]+\]?|[A-Za-z0-9.-]{1,253})$/.test(v), {
    message: 'must be an IP address or host name to listen on, such as 0.0.0.0 or 127.0.0.1',
  }),
  CALLBACK_MAX_SKEW_S: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(30, 'must be at least 30 seconds: WeCom retries a callback for about 15 seconds')
    .max(86_400, 'must be at most 86400 seconds (a day)')
    .default(300),
  TZ_BUSINESS: z
    .string()
    .trim()
    .default('Asia/Shanghai')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as Asia/Shanghai' }),
  ORG_CODE: z
    .string()
    .trim()
    .default('default')
    .refine((v) => /^[a-z0-9][a-z0-9-]{0,31}$/.test(v), {
      message: 'must be 1-32 lowercase letters, digits or dashes',
    }),
  WECOM_CORP_ID: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{1,64}$/.test(v), {
    message: 'must be the corp id from the WeCom admin console (letters and digits)',
  }),
  WECOM_AGENT_ID: optionalText.refine((v) => v === undefined || /^\d{1,10}$/.test(v), {
    message: 'must be the numeric AgentId of the self-built application',
  }),
  WECOM_SECRET: optionalText,
  WECOM_TOKEN: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{1,32}$/.test(v), {
    message: 'must be 1-32 letters or digits, as set on the callback page',
  }),
  WECOM_AES_KEY: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{43}$/.test(v), {
    message: 'must be exactly 43 letters or digits (the EncodingAESKey)',
  }),
  WECOM_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{1,32}$/.test(v), {
    message: 'must be 1-32 letters or digits, as set on the robot\'s API page',
  }),
  WECOM_BOT_AES_KEY: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9]{43}$/.test(v), {
    message: 'must be exactly 43 letters or digits (the robot\'s EncodingAESKey)',
  }),
  WECOM_API_BASE: z
    .string()
    .trim()
    .default(REAL_WECOM_API_BASE)
    .refine((v) => /^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/.test(v), {
      message: 'must be an http(s) URL such as https://qyapi.weixin.qq.com',
    })
    .transform((v) => v.replace(/\/+$/, '')),
  // Where WeCom's web authorisation (网页授权) page lives; tests and the simulator use loopback.
  WECOM_OAUTH_BASE: z
    .string()
    .trim()
    .default(REAL_WECOM_OAUTH_BASE)
    .refine((v) => /^https?:\/\/[^\s/]+(:\d+)?(\/[^\s]*)?$/.test(v), {
      message: 'must be an http(s) URL such as https://open.weixin.qq.com',
    })
    .transform((v) => v.replace(/\/+$/, '')),
  // Signs the office's console sessions and CSRF tokens; required in WeCom mode (checked below).
  CONSOLE_SESSION_SECRET: optionalText.refine((v) => v === undefined || (v.length >= CONSOLE_SECRET_MIN && new Set(v).size >= 10), {
    message: `must be at least ${CONSOLE_SECRET_MIN} characters of random text (e.g. the output of openssl rand -hex 32): it signs the console's sessions`,
  }),
  // DingTalk (钉钉) 企业内部应用 with a robot: all four credentials, or none.
  DINGTALK_CLIENT_ID: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(v), {
    message: 'must be the app\'s Client ID (AppKey) from the DingTalk developer console',
  }),
  DINGTALK_CLIENT_SECRET: optionalText,
  DINGTALK_ROBOT_CODE: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9_-]{1,64}$/.test(v), {
    message: 'must be the robot\'s RobotCode (usually the same as the Client ID)',
  }),
  DINGTALK_CARD_TEMPLATE_NOTICE: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9._-]{1,128}$/.test(v), {
    message: 'must be a card template id from the card builder, such as 1234abcd-….schema',
  }),
  DINGTALK_CARD_TEMPLATE_APPROVAL: optionalText.refine((v) => v === undefined || /^[A-Za-z0-9._-]{1,128}$/.test(v), {
    message: 'must be a card template id from the card builder, such as 1234abcd-….schema',
  }),
  DINGTALK_MODE: z.enum(['stream', 'http'], { message: 'must be stream (no public URL needed) or http' }).default('stream'),
  DINGTALK_API_BASE: origin(REAL_DINGTALK_API_BASE),
  DINGTALK_LOGIN_BASE: origin(REAL_DINGTALK_LOGIN_BASE),
  DINGTALK_OAPI_BASE: origin(REAL_DINGTALK_OAPI_BASE),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  RETENTION_DAYS: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ message: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be between 1 and 3650 days')
      .max(3650, 'must be between 1 and 3650 days')
      .default(DEFAULT_RETENTION_DAYS),
  ),
  // Seals the organisations' stored platform credentials (npm run org); newest key first.
  SECRETS_KEY: optionalText.superRefine((v, ctx) => {
    const keys = v === undefined ? [] : parseSecretKeys(v);
    if (typeof keys === 'string') ctx.addIssue({ code: 'custom', message: keys });
  }),
  // Local mode's simulated start (its clock moves forward only); ISO 8601, +08:00 when no offset.
  LOCAL_CLOCK_START: optionalText.refine((v) => v === undefined || parseIsoInstant(v) !== undefined, {
    message: 'must be an ISO 8601 date and time such as 2026-11-23T10:00:00+08:00 (Shanghai time when no offset is given)',
  }),
  VOTE_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, {
    message: 'must be at least 32 characters (a random string kept outside the database)',
  }),
});

const WECOM_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const;
const WECOM_BOT_VARS = ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'] as const;
const DINGTALK_VARS = ['DINGTALK_CLIENT_ID', 'DINGTALK_CLIENT_SECRET', 'DINGTALK_ROBOT_CODE', 'DINGTALK_CARD_TEMPLATE_NOTICE', 'DINGTALK_CARD_TEMPLATE_APPROVAL'] as const;
/** Platform variables that are settings with a default, not credentials: they select no mode. */
const PLATFORM_SETTINGS = new Set(['WECOM_API_BASE', 'WECOM_OAUTH_BASE', 'DINGTALK_API_BASE', 'DINGTALK_LOGIN_BASE', 'DINGTALK_OAPI_BASE', 'DINGTALK_MODE']);
export const LOCAL_DATABASE_URL = 'file:./data/local.db';
export const WECOM_DATABASE_URL = 'file:./data/bot.db';
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
/** Local mode listens here only: its simulator page lets anyone speak as anyone. */
export const LOCAL_HOST = '127.0.0.1';

export interface WecomAppConfig {
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  aesKey: string;
  apiBase: string;
}

/** How this deployment talks to DingTalk, the same for every organisation's app. */
export interface DingtalkSite {
  /** stream: the bot dials DingTalk (no public URL); http: DingTalk posts to /dingtalk/callback. */
  mode: 'stream' | 'http';
  apiBase: string;
  /** The console's sign-in: DingTalk's OAuth page (login.dingtalk.com) and old API (oapi.dingtalk.com). */
  loginBase: string;
  oapiBase: string;
}

/** A DingTalk 企业内部应用 with its robot (platforms.md §5–§8). */
export interface DingtalkConfig extends DingtalkSite {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  /** Card builder template ids: the notice card (RSVP buttons) and the approval card. */
  cardTemplates: { notice: string; approval: string };
}

/** The WeCom intelligent robot (智能机器人, API mode over HTTP callbacks) for group chats. */
export interface WecomBotConfig {
  token: string;
  aesKey: string;
}

export interface Config {
  port: number;
  /** The address to listen on; undefined means every interface (WeCom mode without HOST). */
  host?: string;
  databaseUrl: string;
  /** Callbacks whose signed timestamp is further than this from the clock are refused (replays). */
  callbackMaxSkewSeconds: number;
  businessTimeZone: string;
  orgCode: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Rule R6: processed callbacks' and sent messages' payloads are erased after this many days. */
  retentionDays: number;
  /**
   * Rule E3: the server's secret for anonymous votes, never stored in the database. VOTE_SECRET,
   * else derived from the WeCom app's secret and AES key (stable across restarts), else local
   * mode's fixed demo value.
   */
  voteSecret: string;
  /**
   * 'local': no platform variable at all; the simulator plays WeCom, on loopback, over demo data.
   * 'wecom': a real self-built app. Any platform variable set means never local mode.
   */
  mode: 'local' | 'wecom' | 'dingtalk';
  /**
   * The WECOM_* variables: ORG_CODE's app (the single-organisation setup). Absent in wecom mode
   * when only stored credentials are used (SECRETS_KEY); in local mode the simulator fills it in.
   */
  wecom?: WecomAppConfig;
  /** The DINGTALK_* variables: ORG_CODE's DingTalk app (alone: mode 'dingtalk'; with WeCom: both run). */
  dingtalk?: DingtalkConfig;
  /** DINGTALK_MODE and DingTalk's origins: every DingTalk app's, the variables' and the stored ones (npm run org). */
  dingtalkSite: DingtalkSite;
  /** The robot, when configured (wecom mode only); in local mode the simulator makes one. */
  wecomBot?: WecomBotConfig;
  wecomApiBase: string;
  /** WeCom's web authorisation origin (the console's sign-in in WeCom mode). */
  wecomOAuthBase: string;
  /**
   * Signs the console's session cookies and CSRF tokens (CONSOLE_SESSION_SECRET). Always set in
   * WeCom mode; local mode makes a throwaway one when unset.
   */
  consoleSessionSecret?: string;
  /** Local mode: where its movable clock starts (LOCAL_CLOCK_START); the system's time when unset. */
  localClockStart?: Date;
  /**
   * SECRETS_KEY: seals the organisations' stored credentials, newest first. Set, it also means a
   * real deployment (never local mode), even with no WECOM_* variable: every organisation's
   * credentials may live in the database.
   */
  secretsKeys?: SecretKey[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`Configuration error: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

/** Reads a config from an environment (process.env by default, after loading ./.env if present). */
export function loadConfig(env: NodeJS.ProcessEnv = readProcessEnv()): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(String(issue.path[0] ?? 'environment'), issue.message);
  }
  const v = parsed.data;
  const present = requireAllOrNone(v, WECOM_VARS, 'for WeCom mode, or none for local mode');
  const robot = requireAllOrNone(v, WECOM_BOT_VARS, 'for the intelligent robot, or neither');
  if (robot.length > 0 && present.length === 0) {
    throw new ConfigError(robot[0]!, `needs WeCom mode: set ${WECOM_VARS.join(', ')} as well, or leave the robot variables empty`);
  }
  const secretsKeys = v.SECRETS_KEY === undefined ? undefined : (parseSecretKeys(v.SECRETS_KEY) as SecretKey[]);
  const dingtalk = requireAllOrNone(v, DINGTALK_VARS, 'for DingTalk, or none');
  if (!secretsKeys) refuseLocalModeWithPlatformVariables(present.length + dingtalk.length, platformVariablesSet(env));
  const mode = present.length > 0 || secretsKeys ? 'wecom' : dingtalk.length > 0 ? 'dingtalk' : 'local';
  if (mode !== 'local' && v.LOCAL_CLOCK_START !== undefined) {
    throw new ConfigError('LOCAL_CLOCK_START', 'is for local mode only: a WeCom deployment runs on the server\'s clock; remove it');
  }
  const base = {
    port: v.PORT,
    host: hostFor(mode, v.HOST),
    databaseUrl: v.DATABASE_URL ?? (mode === 'local' ? LOCAL_DATABASE_URL : WECOM_DATABASE_URL),
    callbackMaxSkewSeconds: v.CALLBACK_MAX_SKEW_S,
    businessTimeZone: v.TZ_BUSINESS,
    orgCode: v.ORG_CODE,
    logLevel: v.LOG_LEVEL,
    retentionDays: v.RETENTION_DAYS,
    wecomApiBase: v.WECOM_API_BASE,
    voteSecret: v.VOTE_SECRET ?? voteSecretFallback(v, present.length > 0, secretsKeys),
    wecomOAuthBase: v.WECOM_OAUTH_BASE,
    dingtalkSite: { mode: v.DINGTALK_MODE, apiBase: v.DINGTALK_API_BASE, loginBase: v.DINGTALK_LOGIN_BASE, oapiBase: v.DINGTALK_OAPI_BASE },
    ...(v.CONSOLE_SESSION_SECRET ? { consoleSessionSecret: v.CONSOLE_SESSION_SECRET } : {}),
    ...(secretsKeys ? { secretsKeys } : {}),
  };
  if (mode === 'local') return { ...base, mode, ...(v.LOCAL_CLOCK_START ? { localClockStart: parseIsoInstant(v.LOCAL_CLOCK_START) } : {}) };
  const dingtalkConfig: DingtalkConfig | undefined = dingtalk.length > 0 ? {
    clientId: v.DINGTALK_CLIENT_ID!,
    clientSecret: v.DINGTALK_CLIENT_SECRET!,
    robotCode: v.DINGTALK_ROBOT_CODE!,
    cardTemplates: { notice: v.DINGTALK_CARD_TEMPLATE_NOTICE!, approval: v.DINGTALK_CARD_TEMPLATE_APPROVAL! },
    ...base.dingtalkSite,
  } : undefined;
  if (mode === 'dingtalk') return { ...base, mode, dingtalk: dingtalkConfig };
  if (present.length === 0) return { ...base, mode: 'wecom', dingtalk: dingtalkConfig }; // every organisation's WeCom credentials are stored
  return {
    ...base,
    mode: 'wecom',
    ...(dingtalkConfig ? { dingtalk: dingtalkConfig } : {}),
    wecom: {
      corpId: v.WECOM_CORP_ID!,
      agentId: Number(v.WECOM_AGENT_ID),
      secret: v.WECOM_SECRET!,
      token: v.WECOM_TOKEN!,
      aesKey: v.WECOM_AES_KEY!,
      apiBase: v.WECOM_API_BASE,
    },
    ...(robot.length > 0 ? { wecomBot: { token: v.WECOM_BOT_TOKEN!, aesKey: v.WECOM_BOT_AES_KEY! } } : {}),
  };
}

/** The variables of a set that are present; throws naming every missing one if only some are. */
function requireAllOrNone<K extends string>(values: Partial<Record<K, string | undefined>>, names: readonly K[], what: string): K[] {
  const present = names.filter((name) => values[name] !== undefined);
  if (present.length > 0 && present.length < names.length) throw missingError(names.filter((name) => values[name] === undefined), names, what);
  return present;
}

/**
 * Any platform variable at all (a future DINGTALK_*, a misspelt WECOM_ one) means a real
 * deployment whose environment only partly loaded: it must never fall back to local mode.
 */
function refuseLocalModeWithPlatformVariables(platformCredentialsSet: number, platformVars: string[]): void {
  if (platformCredentialsSet === 0 && platformVars.length > 0) {
    throw missingError(WECOM_VARS, WECOM_VARS, `for WeCom mode (or all of ${DINGTALK_VARS.join(', ')} for DingTalk): ${platformVars.join(', ')} is set, so local mode is off`);
  }
}

function missingError(missing: readonly string[], names: readonly string[], what: string): ConfigError {
  const verb = missing.length === 1 ? 'is' : 'are';
  return new ConfigError(missing.join(', '), `${verb} missing: set all of ${names.join(', ')} ${what}`);
}

/** Non-empty WECOM_* and DINGTALK_* variables other than plain settings. */
function platformVariablesSet(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => /^(WECOM|DINGTALK)_/.test(name) && !PLATFORM_SETTINGS.has(name) && env[name]?.trim())
    .sort();
}

function hostFor(mode: Config['mode'], host: string | undefined): string | undefined {
  if (mode !== 'local') return host;
  if (host !== undefined && !LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError('HOST', `must be a loopback address (127.0.0.1, ::1 or localhost) in local mode: its page at /sim lets anyone speak as anyone`);
  }
  return host === undefined || host === 'localhost' ? LOCAL_HOST : host.replace(/^\[|\]$/g, '');
}

/** Local mode runs on demo data only; its votes need no secret from the environment. */
const LOCAL_VOTE_SECRET = 'local-mode-demo-vote-secret-not-for-real-votes';

function derivedVoteSecret(appSecret: string, aesKey: string): string {
  return createHash('sha256').update(`vote-secret|${appSecret}|${aesKey}`).digest('hex');
}

/**
 * Rule E3 without VOTE_SECRET: derived from the app's own secrets, or from the newest
 * SECRETS_KEY when the credentials are stored (never the demo secret in a real deployment).
 */
function voteSecretFallback(v: { WECOM_SECRET?: string; WECOM_AES_KEY?: string }, envApp: boolean, keys: SecretKey[] | undefined): string {
  if (envApp) return derivedVoteSecret(v.WECOM_SECRET!, v.WECOM_AES_KEY!);
  if (keys?.length) return createHash('sha256').update('vote-secret|').update(keys[0]!.key).digest('hex');
  return LOCAL_VOTE_SECRET;
}

/**
 * The server (not a command line) serves the console on a platform and signs its sessions:
 * without the secret it does not start.
 */
export function requireConsoleSecret(config: { mode: string; consoleSessionSecret?: string }): void {
  if (config.mode !== 'local' && config.consoleSessionSecret === undefined) {
    throw new ConfigError('CONSOLE_SESSION_SECRET', `is missing: ${config.mode === 'dingtalk' ? 'DingTalk' : 'WeCom'} mode serves the office's console at /console, whose sessions it signs; set it to random text (e.g. the output of openssl rand -hex 32)`);
  }
}

function readProcessEnv(): NodeJS.ProcessEnv {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return process.env;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
