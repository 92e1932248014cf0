// `npm start`: compile src/ if it changed (scripts/compile.mjs), then run the compiled
// src/main.ts in this process. Plain JavaScript on purpose: no TypeScript loader in the
// service (see compile.mjs for what that saves). `tsx src/main.ts` still works for debugging.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compiledSrcOrExit } from './compile.mjs';

const compiled = await compiledSrcOrExit('start the service');
await import(pathToFileURL(join(compiled, 'src', 'main.js')).href);
