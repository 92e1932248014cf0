// Start: config -> database -> HTTP -> workers. Stop on SIGTERM/SIGINT after finishing the
// work in flight.
import { createBotApp, type BotApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createLogger } from './lib/logger.ts';
import { redactUrl } from './repositories/dialect.ts';

const SHUTDOWN_GRACE_MS = 15_000;

let config: Config;
try {
  config = loadConfig();
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : String(err));
  process.exit(1);
}

const logger = createLogger(config.logLevel);
let bot: BotApp;
try {
  // Local mode refuses a database that holds real people (one line naming DATABASE_URL).
  // Workers on a thread of their own (local mode keeps them on this one: its clock moves; see app.ts).
  bot = await createBotApp(config, { logger, workers: 'thread' });
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}
try {
  await bot.start();
} catch (err) {
  const code = (err as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Configuration error: PORT ${config.port} is already in use; set PORT to a free port` : String(err));
  process.exit(1);
}
logger.info({ url: bot.url, mode: config.mode, org: config.orgCode, database: redactUrl(config.databaseUrl) }, 'bot is listening');
if (config.mode === 'local') {
  const page = `http://localhost:${new URL(bot.url).port}/sim`;
  logger.info({ page }, 'local mode: open the chat page to talk to the bot as a demo deputy');
  console.error(`\n  本地模式已启动：用浏览器打开 ${page} ，选一位示范代表和机器人对话。\n`);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing work in flight');
    setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    bot.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
