// `npm run roster:import -- FILE [--org CODE] [--org-name NAME] [--skip-bad-rows]`: compiles
// src/ if it changed (scripts/compile.mjs, shared with `npm start`), then runs the compiled
// command (src/cli/roster-import.ts) in this process. Plain JavaScript, like start.mjs: no
// TypeScript loader, so a province's import has that much more room (see compile.mjs).
// `node --import tsx scripts/roster-import.ts` runs the same command from source.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileSrc } from './compile.mjs';

let compiled;
try {
  compiled = await compileSrc();
} catch (err) {
  console.error(`Could not compile src/ to run the import: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
const { rosterImportCli } = await import(pathToFileURL(join(compiled, 'cli', 'roster-import.js')).href);
process.exitCode = await rosterImportCli(process.argv.slice(2));
