// RETENTION_DAYS (rule R6): how long processed callbacks' and sent messages' content is kept.
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_RETENTION_DAYS, loadConfig } from '../../src/config.ts';

describe('RETENTION_DAYS', () => {
  it('defaults to 30 days and takes a whole number of days', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(30);
    expect(loadConfig({}).retentionDays).toBe(30);
    expect(loadConfig({ RETENTION_DAYS: '90' }).retentionDays).toBe(90);
    expect(loadConfig({ RETENTION_DAYS: ' ' }).retentionDays).toBe(30); // left empty in .env
  });

  it.each(['0', '-1', '1.5', 'abc', '4000'])('refuses %j with one line naming the variable', (value) => {
    expect(() => loadConfig({ RETENTION_DAYS: value })).toThrowError(ConfigError);
    expect(() => loadConfig({ RETENTION_DAYS: value })).toThrowError(/^Configuration error: RETENTION_DAYS /);
  });
});
