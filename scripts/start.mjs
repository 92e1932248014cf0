// `npm start`: compile src/ if it changed (scripts/compile.mjs), then run the compiled
// src/main.ts in this process. Plain JavaScript on purpose: no TypeScript loader in the
// service (see compile.mjs for what that saves). `tsx src/main.ts` still works for debugging.
import { pathToFileURL } from 'node:url';
import { compileService } from './compile.mjs';

let main;
try {
  main = await compileService();
} catch (err) {
  console.error(`Could not compile src/ to start the service: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
await import(pathToFileURL(main).href);
