// npm start's and roster:import's commands as the benchmarks and main-process tests read them,
// and the compile step's rewrite of the generated Prisma clients (it must still match after
// `npm run db:generate`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WASM_BASE64_IMPORT } from '../../../scripts/compile.mjs';
import { nodeScriptCommand, startCommand } from '../../../scripts/lib/start-command.ts';

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

describe('npm run roster:import', () => {
  it('runs the compiled command on plain node, with its V8 flag and allocator setting', () => {
    const command = nodeScriptCommand(ROOT, 'roster:import');
    expect(command.args.at(-1)).toBe(join(ROOT, 'scripts', 'roster-import.mjs'));
    expect(existsSync(command.args.at(-1)!)).toBe(true);
    expect(command.args).toContain('--no-allocation-site-pretenuring');
    expect(command.args.some((a) => a.includes('tsx'))).toBe(false);
    expect(command.env).toEqual({ MALLOC_ARENA_MAX: '1' });
  });
});

describe("the office's command lines (npm run suggestion, station, db:backup …)", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const viaRun = Object.keys(pkg.scripts).filter((name) => pkg.scripts[name]!.includes('scripts/run.mjs'));

  it('run compiled on plain node through run.mjs, each naming a command line of scripts/ that is compiled', () => {
    expect(viaRun).toEqual(expect.arrayContaining(['suggestion', 'station', 'org', 'db:migrate', 'db:backup', 'db:restore']));
    for (const name of viaRun) {
      const command = nodeScriptCommand(ROOT, name);
      const [script, commandLine, ...rest] = command.args;
      expect(script).toBe(join(ROOT, 'scripts', 'run.mjs'));
      expect(rest).toEqual([]);
      expect(existsSync(join(ROOT, 'scripts', `${commandLine}.ts`))).toBe(true);
      expect(commandLine).not.toMatch(/^bench-/); // the benchmarks are not compiled
    }
  });

  it('no command line of the office still starts tsx', () => {
    for (const name of ['activity', 'unit', 'station', 'calendar', 'register', 'export', 'outbox', 'suggestion', 'policy', 'report', 'record', 'org']) {
      expect(pkg.scripts[name]).toBe(`node scripts/run.mjs ${name}`);
    }
  });
});
