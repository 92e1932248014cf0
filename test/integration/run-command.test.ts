// scripts/run.mjs, which package.json's office command lines go through: a name package.json does
// not run through it gets one line on stderr and exit 2, and nothing runs.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

async function run(...args: string[]) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(ROOT, 'scripts', 'run.mjs'), ...args], { cwd: ROOT });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('node scripts/run.mjs COMMAND', () => {
  it.each([
    [[], /^usage: node scripts\/run\.mjs COMMAND/],
    [['../src/main'], /^usage: node scripts\/run\.mjs COMMAND/],
    [['no-such-command'], /^scripts\/no-such-command\.ts is not one of the command lines/],
    [['bench-e2e'], /^scripts\/bench-e2e\.ts is not one of the command lines/],
    [['chaos'], /^scripts\/chaos\.ts is not one of the command lines/],
  ])('%j is refused in one line, exit 2', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it("passes the arguments after the name to the command as its own (suggestion's usage error names the bad one)", async () => {
    const result = await run('suggestion', 'frobnicate');
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('frobnicate');
  });
});
