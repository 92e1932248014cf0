// How `npm start`, `npm run roster:import` and the office's command lines run, read from
// package.json's script (`[VAR=value …] node [flags] scripts/….mjs [args]`), so the benchmarks
// and the tests that start the real process run it exactly as production does: compiled, with
// the same V8 flags and allocator settings.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

export interface StartCommand {
  /** The script's environment assignments (e.g. MALLOC_ARENA_MAX). */
  env: Record<string, string>;
  /** node's arguments: flags, the entry script as an absolute path, then the script's arguments (run.mjs's command name). */
  args: string[];
}

export function startCommand(root: string): StartCommand {
  return nodeScriptCommand(root, 'start');
}

/** Any package.json script of the form `[VAR=value …] node [flags] script [args]`. */
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
  // node's flags, the script (made absolute), then the script's own arguments as written.
  const script = words.findIndex((w) => !w.startsWith('-'));
  if (script < 0) throw new Error(`package.json's ${name} script names no script: ${line}`);
  const path = isAbsolute(words[script]!) ? words[script]! : join(root, words[script]!);
  return { env, args: [...words.slice(0, script), path, ...words.slice(script + 1)] };
}
