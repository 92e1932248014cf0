// `npm run suggestion -- list` and the office's other command lines: package.json runs
// `node scripts/run.mjs suggestion`, which compiles src/ and the command lines if they changed
// (scripts/compile.mjs, shared with `npm start`) and runs the compiled scripts/suggestion.ts in
// this process, with the arguments after the name as its own (process.argv.slice(2)). Plain
// JavaScript on node, like start.mjs: a command starts in about 0.45 s instead of 1.1 s under
// tsx. `node --import tsx scripts/suggestion.ts list` runs the same command from source.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledSrcOrExit } from './compile.mjs';

const ROOT = join(import.meta.dirname, '..');
const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: node scripts/run.mjs COMMAND [ARGS…] (COMMAND as package.json names it after scripts/run.mjs)');
  process.exit(2);
}
// Only what package.json runs this way: the other scripts (benchmarks, chaos) import files that are not compiled.
const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
if (!Object.values(scripts).some((line) => line.trim() === `node scripts/run.mjs ${name}`)) {
  console.error(`scripts/${name}.ts is not one of the command lines package.json runs through scripts/run.mjs`);
  process.exit(2);
}
const compiled = await compiledSrcOrExit(`run ${name}`);
const entry = join(compiled, 'scripts', `${name}.js`);
process.argv.splice(1, 2, entry); // the command sees [node, its file, ...its arguments], as under tsx
await import(pathToFileURL(entry).href);
