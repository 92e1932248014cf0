// npm start's command as the benchmarks and main-process tests read it, and the compile step's
// rewrite of the generated Prisma clients (it must still match after `npm run db:generate`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_BASE64_IMPORT } from '../../../scripts/compile.mjs';
import { startCommand } from '../../../scripts/lib/start-command.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('npm start', () => {
  it('runs scripts/start.mjs on plain node, with its V8 flags and allocator setting', () => {
    const start = startCommand(ROOT);
    expect(start.args.at(-1)).toBe(join(ROOT, 'scripts', 'start.mjs'));
    expect(existsSync(start.args.at(-1)!)).toBe(true);
    expect(start.args).toContain('--max-semi-space-size=2');
    expect(start.args.some((a) => a.includes('tsx'))).toBe(false);
    expect(start.env).toEqual({ MALLOC_ARENA_MAX: '1' });
  });

  it.each(['prisma', 'prisma-pg'])('the compiled %s client loads its query compiler from a file (the pattern matches the generated code)', (client) => {
    const source = readFileSync(join(ROOT, 'src', 'generated', client, 'internal', 'class.ts'), 'utf8');
    expect(source).toMatch(WASM_BASE64_IMPORT);
  });
});
