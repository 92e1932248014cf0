// The bot as the chaos harness runs it: the real app (config from the environment, migrations,
// HTTP, the inbound and outbox workers and the scheduler, all in this process so kill -9 takes
// everything down at once) with a short outbox lock and client timeout, so a restarted process
// takes back a dead one's rows within seconds. Argument: the outbox options as JSON.
// Prints "ready" once listening; stops cleanly on SIGTERM.
import { createBotApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { OutboxWorkerOptions } from '../../src/jobs/outbox-worker.ts';
import { createLogger } from '../../src/lib/logger.ts';

const outbox = JSON.parse(process.argv[2] ?? '{}') as Partial<OutboxWorkerOptions>;
const config = loadConfig();
// Logs go to stderr (the harness keeps them in a file); stdout only says "ready".
const bot = await createBotApp(config, { logger: createLogger(config.logLevel, process.stderr), workers: 'in-process', outbox });
await bot.start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void bot.stop().then(() => process.exit(0));
});
