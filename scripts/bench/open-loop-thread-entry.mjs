// Worker threads do not inherit tsx's loader from the main thread (as src/jobs/worker-thread-entry.mjs):
// register it, then load the TypeScript side of open-loop-thread.ts.
import { register } from 'tsx/esm/api';

register();
await import('./open-loop-thread.ts');
