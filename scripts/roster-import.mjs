// `npm run roster:import -- FILE [--org CODE] [--org-name NAME] [--skip-bad-rows]`: compiles
// src/ if it changed (scripts/compile.mjs, shared with `npm start`), then runs the compiled
// command (src/cli/roster-import.ts) in this process. Plain JavaScript, like start.mjs: no
// TypeScript loader, so a province's import has that much more room (see compile.mjs).
// `node --import tsx scripts/roster-import.ts` runs the same command from source.
//
// package.json starts it as `MALLOC_ARENA_MAX=1 node --no-allocation-site-pretenuring …`, for
// a province's roster (100,000 rows; measured with `npm run bench:roster`, see scripts/bench/README.md):
// - --no-allocation-site-pretenuring: V8 watches object and array literals and, when the ones
//   from one site are all alive at a young-generation collection, allocates that site's next
//   objects directly in the old generation. A chunk of 2,000 people being compared and written
//   is exactly that; once a site of the chunk's code was chosen (in most first imports
//   measured), every later chunk's objects went to the old generation and stayed there until a
//   full collection: peak RSS 229-267 MB instead of 185-197 MB. What the import keeps for the
//   whole run, the merged people, are class instances, which V8 does not pretenure anyway.
// - MALLOC_ARENA_MAX=1 (as `npm start`): one malloc arena instead of one per thread that
//   allocates (V8's GC and compiler threads), 15-30 MB less.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledSrcOrExit } from './compile.mjs';

const compiled = await compiledSrcOrExit('run the import');
const { rosterImportCli } = await import(pathToFileURL(join(compiled, 'src', 'cli', 'roster-import.js')).href);
process.exitCode = await rosterImportCli(process.argv.slice(2));
