import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, requireConsoleSecret } from '../../src/config.ts';

const WECOM = {
  WECOM_CORP_ID: 'ww1234567890',
  WECOM_AGENT_ID: '1000002',
  WECOM_SECRET: 'secret',
  WECOM_TOKEN: 'token123',
  WECOM_AES_KEY: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  CONSOLE_SESSION_SECRET: 'console-secret-0123456789abcdefghijklmnop',
};

const ROBOT = {
  WECOM_BOT_TOKEN: 'bottoken1',
  WECOM_BOT_AES_KEY: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
};

function messageFor(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
}

describe('config', () => {
  it('starts in local mode with defaults when no WeCom variable is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: 'local',
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'file:./data/local.db',
      callbackMaxSkewSeconds: 300,
      businessTimeZone: 'Asia/Shanghai',
      logLevel: 'info',
      wecomApiBase: 'https://qyapi.weixin.qq.com',
    });
    expect(config.wecom).toBeUndefined();
  });

  it('starts in WeCom mode when all five WeCom variables are set', () => {
    const config = loadConfig({ ...WECOM, WECOM_API_BASE: 'http://127.0.0.1:9999/' });
    expect(config.mode).toBe('wecom');
    expect(config.databaseUrl).toBe('file:./data/bot.db');
    expect(config.host).toBeUndefined(); // every interface
    expect(config.wecom).toEqual({
      corpId: 'ww1234567890',
      agentId: 1000002,
      secret: 'secret',
      token: 'token123',
      aesKey: WECOM.WECOM_AES_KEY,
      apiBase: 'http://127.0.0.1:9999',
    });
  });

  it('WeCom mode needs CONSOLE_SESSION_SECRET (the console signs its sessions with it); local mode does not', () => {
    const { CONSOLE_SESSION_SECRET: _omit, ...withoutSecret } = WECOM;
    expect(() => requireConsoleSecret(loadConfig(withoutSecret))).toThrow(/^Configuration error: CONSOLE_SESSION_SECRET is missing/);
    expect(() => requireConsoleSecret(loadConfig({}))).not.toThrow();
    const dingtalkOnly = { DINGTALK_CLIENT_ID: 'dingabc', DINGTALK_CLIENT_SECRET: 's', DINGTALK_ROBOT_CODE: 'dingabc', DINGTALK_CARD_TEMPLATE_NOTICE: 'n.schema', DINGTALK_CARD_TEMPLATE_APPROVAL: 'a.schema' };
    expect(() => requireConsoleSecret(loadConfig(dingtalkOnly))).toThrow(/^Configuration error: CONSOLE_SESSION_SECRET is missing: DingTalk mode serves/);
    expect(loadConfig({ ...dingtalkOnly, DINGTALK_LOGIN_BASE: 'http://127.0.0.1:9/' }).dingtalk).toMatchObject({ loginBase: 'http://127.0.0.1:9', oapiBase: 'https://oapi.dingtalk.com' });
    expect(() => loadConfig({ ...WECOM, CONSOLE_SESSION_SECRET: 'short' })).toThrow(/^Configuration error: CONSOLE_SESSION_SECRET must be at least 32 characters/);
    expect(loadConfig({ ...WECOM }).consoleSessionSecret).toBe(WECOM.CONSOLE_SESSION_SECRET);
    expect(loadConfig({}).consoleSessionSecret).toBeUndefined();
  });

  const invalid: [string, Record<string, string>, RegExp][] = [
    ['PORT', { PORT: 'eighty' }, /^Configuration error: PORT must be a port number$/],
    ['PORT', { PORT: '70000' }, /^Configuration error: PORT must be between 0 and 65535$/],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }, /^Configuration error: DATABASE_URL must be a SQLite file \(file:\.\/data\/bot\.db\) or a PostgreSQL URL/],
    ['DATABASE_URL', { DATABASE_URL: 'postgresql://db' }, /^Configuration error: DATABASE_URL must be a SQLite file .* or a PostgreSQL URL \(postgresql:\/\/user:password@host:5432\/database\)$/],
    ['TZ_BUSINESS', { TZ_BUSINESS: 'Mars/Olympus' }, /^Configuration error: TZ_BUSINESS must be an IANA time zone/],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }, /^Configuration error: LOG_LEVEL must be one of fatal, error/],
    ['WECOM_API_BASE', { WECOM_API_BASE: 'qyapi.weixin.qq.com' }, /^Configuration error: WECOM_API_BASE must be an http\(s\) URL/],
    ['WECOM_CORP_ID', { ...WECOM, WECOM_CORP_ID: 'ww corp' }, /^Configuration error: WECOM_CORP_ID must be the corp id/],
    ['WECOM_AGENT_ID', { ...WECOM, WECOM_AGENT_ID: 'abc' }, /^Configuration error: WECOM_AGENT_ID must be the numeric AgentId/],
    ['WECOM_TOKEN', { ...WECOM, WECOM_TOKEN: 'has space' }, /^Configuration error: WECOM_TOKEN must be 1-32 letters or digits/],
    ['WECOM_AES_KEY', { ...WECOM, WECOM_AES_KEY: 'short' }, /^Configuration error: WECOM_AES_KEY must be exactly 43 letters or digits/],
    ['WECOM_SECRET', { ...WECOM, WECOM_SECRET: '' }, /^Configuration error: WECOM_SECRET is missing: set all of/],
    ['ORG_CODE', { ORG_CODE: 'Big County!' }, /^Configuration error: ORG_CODE must be 1-32 lowercase/],
    ['WECOM_BOT_TOKEN', { ...WECOM, ...ROBOT, WECOM_BOT_TOKEN: 'bot-token' }, /^Configuration error: WECOM_BOT_TOKEN must be 1-32 letters or digits/],
    ['WECOM_BOT_AES_KEY', { ...WECOM, ...ROBOT, WECOM_BOT_AES_KEY: 'x'.repeat(42) }, /^Configuration error: WECOM_BOT_AES_KEY must be exactly 43 letters or digits/],
    ['WECOM_BOT_AES_KEY', { ...WECOM, WECOM_BOT_TOKEN: 'bottoken1' }, /^Configuration error: WECOM_BOT_AES_KEY is missing: set all of WECOM_BOT_TOKEN, WECOM_BOT_AES_KEY for the intelligent robot, or neither$/],
    ['WECOM_BOT_TOKEN', { ...WECOM, WECOM_BOT_AES_KEY: ROBOT.WECOM_BOT_AES_KEY }, /^Configuration error: WECOM_BOT_TOKEN is missing: set all of/],
    ['WECOM_BOT_TOKEN', { ...ROBOT }, /^Configuration error: WECOM_BOT_TOKEN needs WeCom mode: set WECOM_CORP_ID, /],
    ['CALLBACK_MAX_SKEW_S', { CALLBACK_MAX_SKEW_S: 'five' }, /^Configuration error: CALLBACK_MAX_SKEW_S must be a number of seconds$/],
    ['CALLBACK_MAX_SKEW_S', { CALLBACK_MAX_SKEW_S: '5' }, /^Configuration error: CALLBACK_MAX_SKEW_S must be at least 30 seconds: WeCom retries/],
    ['HOST', { HOST: 'my host' }, /^Configuration error: HOST must be an IP address or host name/],
    ['HOST', { HOST: '0.0.0.0' }, /^Configuration error: HOST must be a loopback address \(127\.0\.0\.1, ::1 or localhost\) in local mode/],
    ['WECOM_CORP_ID', { DINGTALK_APP_KEY: 'dingabc' }, /^Configuration error: WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY are missing: set all of .* for WeCom mode .*DingTalk\): DINGTALK_APP_KEY is set, so local mode is off$/],
  ];
  for (const [variable, env, expected] of invalid) {
    it(`names ${variable} in one line when it is invalid (${JSON.stringify(Object.values(env).at(-1))})`, () => {
      const message = messageFor(env);
      expect(message).toMatch(expected);
      expect(message).not.toContain('\n');
    });
  }

  it('adds the intelligent robot to WeCom mode when both of its variables are set', () => {
    expect(loadConfig({ ...WECOM, ...ROBOT }).wecomBot).toEqual({ token: 'bottoken1', aesKey: ROBOT.WECOM_BOT_AES_KEY });
    expect(loadConfig({ ...WECOM, WECOM_BOT_TOKEN: ' ', WECOM_BOT_AES_KEY: '' }).wecomBot).toBeUndefined();
    expect(loadConfig({}).wecomBot).toBeUndefined();
  });

  it('names every missing WeCom variable when only some are set: never local mode', () => {
    expect(messageFor({ WECOM_CORP_ID: 'ww1', WECOM_TOKEN: 'tok' })).toBe(
      'Configuration error: WECOM_AGENT_ID, WECOM_SECRET, WECOM_AES_KEY are missing: set all of WECOM_CORP_ID, WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN, WECOM_AES_KEY for WeCom mode, or none for local mode',
    );
  });

  it('keeps local mode for settings that select no platform (WECOM_API_BASE, blank values)', () => {
    expect(loadConfig({ WECOM_API_BASE: 'https://qyapi.weixin.qq.com', WECOM_CORP_ID: ' ', DINGTALK_APP_KEY: '' }).mode).toBe('local');
  });

  it('lets DATABASE_URL, HOST and CALLBACK_MAX_SKEW_S be set', () => {
    expect(loadConfig({ DATABASE_URL: 'file:/srv/demo.db', HOST: 'localhost', CALLBACK_MAX_SKEW_S: '60' })).toMatchObject({
      databaseUrl: 'file:/srv/demo.db',
      host: '127.0.0.1',
      callbackMaxSkewSeconds: 60,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://bot:secret@db.internal:5432/bot' }).databaseUrl).toBe('postgresql://bot:secret@db.internal:5432/bot');
    expect(loadConfig({ ...WECOM, HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
    expect(loadConfig({ HOST: '::1' }).host).toBe('::1');
  });

  it('the process exits with that one line', async () => {
    const { execFileSync } = await import('node:child_process');
    let output = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { PATH: process.env.PATH, PORT: 'eighty' },
        stdio: 'pipe',
      });
    } catch (err) {
      const e = err as { status: number; stderr: Buffer };
      expect(e.status).toBe(1);
      output = e.stderr.toString().trim();
    }
    expect(output).toBe('Configuration error: PORT must be a port number');
  });
});

describe('LOCAL_CLOCK_START', () => {
  it('sets local mode\'s simulated start; without an offset it is Shanghai time', () => {
    expect(loadConfig({ LOCAL_CLOCK_START: '2026-11-23T10:00' }).localClockStart?.toISOString()).toBe('2026-11-23T02:00:00.000Z');
    expect(loadConfig({}).localClockStart).toBeUndefined();
  });

  it('refuses a malformed time, and any value in WeCom mode, with one line', () => {
    expect(messageFor({ LOCAL_CLOCK_START: 'next monday' })).toBe(
      'Configuration error: LOCAL_CLOCK_START must be an ISO 8601 date and time such as 2026-11-23T10:00:00+08:00 (Shanghai time when no offset is given)',
    );
    expect(messageFor({ ...WECOM, LOCAL_CLOCK_START: '2026-11-23T10:00:00+08:00' })).toBe(
      'Configuration error: LOCAL_CLOCK_START is for local mode only: a WeCom deployment runs on the server\'s clock; remove it',
    );
  });
});
