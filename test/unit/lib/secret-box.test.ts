import { describe, expect, it } from 'vitest';
import { keyId, parseSecretKeys, SecretBox, SecretOpenError } from '../../../src/lib/secret-box.ts';
import { loadConfig, ConfigError } from '../../../src/config.ts';

const k1 = Buffer.alloc(32, 1);
const k2 = Buffer.alloc(32, 2);
const box = (...keys: Buffer[]) => new SecretBox(keys.map((key) => ({ id: keyId(key), key })));

describe('secret box (SECRETS_KEY)', () => {
  it('seals with a fresh IV every time and opens what it sealed', () => {
    const b = box(k1);
    const one = b.seal('corp-secret', 'org:1:wecom:secret');
    const two = b.seal('corp-secret', 'org:1:wecom:secret');
    expect(one).not.toBe(two);
    expect(one).not.toContain('corp-secret');
    expect(one.startsWith(`v1.${keyId(k1)}.`)).toBe(true);
    expect(b.open(one, 'org:1:wecom:secret')).toBe('corp-secret');
    expect(b.open(two, 'org:1:wecom:secret')).toBe('corp-secret');
  });

  it('a value moved to another organisation or field does not open', () => {
    const b = box(k1);
    const sealed = b.seal('corp-secret', 'org:1:wecom:secret');
    expect(() => b.open(sealed, 'org:2:wecom:secret')).toThrow(SecretOpenError);
    expect(() => b.open(sealed, 'org:1:wecom:token')).toThrow(SecretOpenError);
  });

  it('an altered value does not open', () => {
    const b = box(k1);
    const parts = b.seal('corp-secret', 'c').split('.');
    const body = Buffer.from(parts[4]!, 'base64url');
    body[0]! ^= 1;
    parts[4] = body.toString('base64url');
    expect(() => b.open(parts.join('.'), 'c')).toThrow(/does not open/);
  });

  it('rotation: the first key seals, every listed key opens, a key not listed is named', () => {
    const old = box(k1).seal('s', 'c');
    const rotated = box(k2, k1);
    expect(rotated.open(old, 'c')).toBe('s');
    expect(SecretBox.keyIdOf(rotated.seal('s', 'c'))).toBe(keyId(k2));
    expect(() => box(k2).open(old, 'c')).toThrow(`sealed with key ${keyId(k1)}, which SECRETS_KEY does not hold`);
  });

  it('reads keys as base64 or hex, newest first, and refuses anything that is not 32 bytes', () => {
    const keys = parseSecretKeys(`${k2.toString('base64')}, ${k1.toString('hex')}`);
    expect(Array.isArray(keys) && keys.map((k) => k.id)).toEqual([keyId(k2), keyId(k1)]);
    expect(parseSecretKeys('short')).toBe('key 1 must be 32 random bytes as base64 (openssl rand -base64 32) or 64 hex digits');
    expect(parseSecretKeys(`${k1.toString('base64')},${Buffer.alloc(16).toString('base64')}`)).toMatch(/^key 2 must be/);
  });
});

describe('config: SECRETS_KEY', () => {
  it('a bad key stops start-up with one line naming the variable', () => {
    expect(() => loadConfig({ SECRETS_KEY: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ SECRETS_KEY: 'abc' })).toThrow(/^Configuration error: SECRETS_KEY key 1 must be 32 random bytes/);
  });

  it('with only SECRETS_KEY the bot runs as a real deployment whose organisations are all stored, never local mode', () => {
    const config = loadConfig({ SECRETS_KEY: k1.toString('base64') });
    expect(config.mode).toBe('wecom');
    expect(config.wecom).toBeUndefined();
    expect(config.secretsKeys?.map((k) => k.id)).toEqual([keyId(k1)]);
  });

  it('without SECRETS_KEY nothing changes: no variable is local mode', () => {
    expect(loadConfig({}).mode).toBe('local');
    expect(loadConfig({}).secretsKeys).toBeUndefined();
  });
});
