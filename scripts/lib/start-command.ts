// How `npm start` (and `npm run roster:import`) run, read from package.json's script
// (`[VAR=value …] node [flags] scripts/….mjs`), so the benchmarks and the tests that start
// the real process run it exactly as production does: compiled, with the same V8 flags and
// allocator settings.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface StartCommand {
  /** The script's environment assignments (e.g. MALLOC_ARENA_MAX). */
  env: Record<string, string>;
  /** node's arguments: flags, then the entry script as an absolute path. */
  args: string[];
}

export function startCommand(root: string): StartCommand {
  return nodeScriptCommand(root, 'start');
}

/** Any package.json script of the form `[VAR=value …] node [flags] script`. */
export function nodeScriptCommand(root: string, name: string): StartCommand {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const line = pkg.scripts[name];
  if (line === undefined) throw new Error(`package.json has no "${name}" script`);
  const words = line.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [variable, ...value] = words.shift()!.split('=');
    env[variable!] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error(`package.json's ${name} script is not "[VAR=value …] node …": ${line}`);
  return { env, args: words.map((w) => (w.startsWith('-') || isAbsolute(w) ? w : join(root, w))) };
}
