// The Koa app: request id and scoped logger, one error boundary that shapes every refusal,
// and an access log. Routes are mounted by the composition root.
import { randomUUID } from 'node:crypto';
import Koa from 'koa';
import { AppError } from '../lib/errors.ts';
import { withLogScope, type Logger } from '../lib/logger.ts';

export function createHttpApp(logger: Logger): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(async (ctx, next) => {
    const requestId = headerId(ctx.get('x-request-id')) ?? randomUUID();
    ctx.set('x-request-id', requestId);
    const log = logger.child({ requestId });
    const started = performance.now();
    await withLogScope(log, async () => {
      try {
        await next();
      } catch (err) {
        respondWithError(ctx, err, log);
      }
      const ms = Math.round((performance.now() - started) * 10) / 10;
      const line = { method: ctx.method, path: ctx.path, status: ctx.status, ms };
      if (ctx.status >= 400) log.warn(line, 'request refused');
      else log.debug(line, 'request');
    });
  });
  // Errors are answered above; Koa's own handler would only print them again.
  app.silent = true;
  return app;
}

function respondWithError(ctx: Koa.Context, err: unknown, log: Logger): void {
  if (err instanceof AppError && err.expose) {
    ctx.status = err.status;
    ctx.body = { error: err.code, message: err.message };
    return;
  }
  log.error({ err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) }, 'unhandled error');
  ctx.status = 500;
  ctx.body = { error: 'internal', message: 'internal error' };
}

function headerId(value: string): string | undefined {
  return /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : undefined;
}
