// `npm run suggestion -- list` and the office's other command lines: package.json runs
// `node scripts/run.mjs suggestion`, which compiles src/ and the command lines if they changed
// (scripts/compile.mjs, shared with `npm start`) and runs the compiled scripts/suggestion.ts in
// this process, with the arguments after the name as its own (process.argv.slice(2)). Plain
// JavaScript on node, like start.mjs: a command starts in about 0.45 s instead of 1.1 s under
// tsx. `node --import tsx scripts/suggestion.ts list` runs the same command from source.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledSrcOrExit } from './compile.mjs';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: node scripts/run.mjs COMMAND [ARGS…] (COMMAND is a file of scripts/ without .ts)');
  process.exit(2);
}
const compiled = await compiledSrcOrExit(`run ${name}`);
const entry = join(compiled, 'scripts', `${name}.js`);
if (!existsSync(entry)) {
  console.error(`scripts/${name}.ts is not a command line (run.mjs runs scripts/*.ts but the benchmarks)`);
  process.exit(2);
}
process.argv.splice(1, 2, entry); // the command sees [node, its file, ...its arguments], as under tsx
await import(pathToFileURL(entry).href);
