// JSON logs (pino). A request-scoped child logger travels in AsyncLocalStorage so deep code
// can log with the request id without passing it around.
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

const scope = new AsyncLocalStorage<Logger>();

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth for rule R6: fields that may carry a constituent's identity.
      redact: { paths: ['mobile', 'phone', 'visitorName', '*.mobile', '*.phone'], censor: '[hidden]' },
    },
    destination,
  );
}

export function withLogScope<T>(logger: Logger, fn: () => T): T {
  return scope.run(logger, fn);
}

export function scopedLogger(fallback: Logger): Logger {
  return scope.getStore() ?? fallback;
}
