// npm run roster:import -- FILE [--org CODE] [--org-name NAME] [--skip-bad-rows]
// The command under tsx (the tests, debugging); `npm run roster:import` runs the same code
// compiled (scripts/roster-import.mjs). The command itself is src/cli/roster-import.ts.
import { rosterImportCli } from '../src/cli/roster-import.ts';

process.exitCode = await rosterImportCli(process.argv.slice(2));
