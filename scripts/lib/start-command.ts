// How `npm start` runs the service, read from package.json's start script
// (`[VAR=value …] node [flags] scripts/start.mjs`), so the benchmarks and the tests that start
// the real service run it exactly as production does: compiled, with the same V8 flags and
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
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (/^[A-Z_]+=/.test(words[0] ?? '')) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  if (words.shift() !== 'node') throw new Error(`package.json's start script is not "[VAR=value …] node …": ${pkg.scripts.start}`);
  return { env, args: words.map((w) => (w.startsWith('-') || isAbsolute(w) ? w : join(root, w))) };
}
