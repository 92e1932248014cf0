// The only reader of process.env. Every variable is documented in .env.example.
// A bad value stops start-up with one line naming the variable and what is wrong.
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { parseIsoInstant } from './lib/shanghai-iso.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export const REAL_WECOM_API_BASE = 'https://qyapi.weixin.qq.com';
/** Rule R6: days a processed callback's or a sent message's content is kept (RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 30;

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

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
  // Local mode's simulated start (its clock moves forward only); ISO 8601, +08:00 when no offset.
  LOCAL_CLOCK_START: optionalText.refine((v) => v === undefined || parseIsoInstant(v) !== undefined, {
    message: 'must be an ISO 8601 date and time such as 2026-11-23T10:00:00+08:00 (Shanghai time when no offset is given)',
  }),
});

const WECOM_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const;
const WECOM_BOT_VARS = ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'] as const;
/** Platform variables that are settings with a default, not credentials: they select no mode. */
const PLATFORM_SETTINGS = new Set(['WECOM_API_BASE']);
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
   * 'local': no platform variable at all; the simulator plays WeCom, on loopback, over demo data.
   * 'wecom': a real self-built app. Any platform variable set means never local mode.
   */
  mode: 'local' | 'wecom';
  /** Present in wecom mode; in local mode the simulator fills it in at start. */
  wecom?: WecomAppConfig;
  /** The robot, when configured (wecom mode only); in local mode the simulator makes one. */
  wecomBot?: WecomBotConfig;
  wecomApiBase: string;
  /** Local mode: where its movable clock starts (LOCAL_CLOCK_START); the system's time when unset. */
  localClockStart?: Date;
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
  refuseLocalModeWithPlatformVariables(present.length, platformVariablesSet(env));
  const mode = present.length === 0 ? 'local' : 'wecom';
  if (mode === 'wecom' && v.LOCAL_CLOCK_START !== undefined) {
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
  };
  if (mode === 'local') return { ...base, mode, ...(v.LOCAL_CLOCK_START ? { localClockStart: parseIsoInstant(v.LOCAL_CLOCK_START) } : {}) };
  return {
    ...base,
    mode: 'wecom',
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
function refuseLocalModeWithPlatformVariables(wecomVarsSet: number, platformVars: string[]): void {
  if (wecomVarsSet === 0 && platformVars.length > 0) {
    throw missingError(WECOM_VARS, WECOM_VARS, `for WeCom mode: ${platformVars.join(', ')} is set, so local mode is off`);
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

function hostFor(mode: 'local' | 'wecom', host: string | undefined): string | undefined {
  if (mode === 'wecom') return host;
  if (host !== undefined && !LOOPBACK_HOSTS.has(host)) {
    throw new ConfigError('HOST', `must be a loopback address (127.0.0.1, ::1 or localhost) in local mode: its page at /sim lets anyone speak as anyone`);
  }
  return host === undefined || host === 'localhost' ? LOCAL_HOST : host.replace(/^\[|\]$/g, '');
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
