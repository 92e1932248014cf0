// The only reader of process.env. Every variable is documented in .env.example.
// A bad value stops start-up with one line naming the variable and what is wrong.
import { existsSync } from 'node:fs';
import { z } from 'zod';

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
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/bot.db')
    .refine((v) => !/^postgres(ql)?:\/\//.test(v), {
      message: 'is a PostgreSQL URL, which this version does not support yet; use file:./data/bot.db (SQLite)',
    })
    .refine((v) => /^file:.+/.test(v), { message: 'must start with file: (a SQLite file such as file:./data/bot.db)' }),
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
});

const WECOM_VARS = ['WECOM_CORP_ID', 'WECOM_AGENT_ID', 'WECOM_SECRET', 'WECOM_TOKEN', 'WECOM_AES_KEY'] as const;
const WECOM_BOT_VARS = ['WECOM_BOT_TOKEN', 'WECOM_BOT_AES_KEY'] as const;

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
  databaseUrl: string;
  businessTimeZone: string;
  orgCode: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Rule R6: processed callbacks' and sent messages' payloads are erased after this many days. */
  retentionDays: number;
  /** 'local': no WeCom credentials, the simulator plays WeCom. 'wecom': a real self-built app. */
  mode: 'local' | 'wecom';
  /** Present in wecom mode; in local mode the simulator fills it in at start. */
  wecom?: WecomAppConfig;
  /** The robot, when configured (wecom mode only); in local mode the simulator makes one. */
  wecomBot?: WecomBotConfig;
  wecomApiBase: string;
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
  const base = {
    port: v.PORT,
    databaseUrl: v.DATABASE_URL,
    businessTimeZone: v.TZ_BUSINESS,
    orgCode: v.ORG_CODE,
    logLevel: v.LOG_LEVEL,
    retentionDays: v.RETENTION_DAYS,
    wecomApiBase: v.WECOM_API_BASE,
  };
  if (present.length === 0) return { ...base, mode: 'local' };
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

/** The variables of a set that are present; throws naming the first missing one if only some are. */
function requireAllOrNone<K extends string>(values: Partial<Record<K, string | undefined>>, names: readonly K[], what: string): K[] {
  const present = names.filter((name) => values[name] !== undefined);
  if (present.length > 0 && present.length < names.length) {
    const missing = names.find((name) => values[name] === undefined)!;
    throw new ConfigError(missing, `is missing: set all of ${names.join(', ')} ${what}`);
  }
  return present;
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
