// /healthz: the process is up. /readyz: the database answers and every migration is applied.
// /metrics: Prometheus text.
import type Router from '@koa/router';
import type { Metrics } from '../lib/metrics.ts';
import type { Db } from '../repositories/prisma.ts';

export interface ReadinessChecks {
  db: Db;
  pendingMigrations(): string[] | Promise<string[]>;
}

export function mountOpsRoutes(router: Router, checks: ReadinessChecks, metrics: Metrics): void {
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/readyz', async (ctx) => {
    let database = 'ok';
    let migrations = 'ok';
    try {
      await checks.db.$queryRawUnsafe('SELECT 1');
    } catch (err) {
      database = `unreachable: ${(err as Error).message}`;
    }
    try {
      const pending = await checks.pendingMigrations();
      if (pending.length) migrations = `pending: ${pending.join(', ')}`;
    } catch (err) {
      migrations = `unknown: ${(err as Error).message}`;
    }
    const ready = database === 'ok' && migrations === 'ok';
    ctx.status = ready ? 200 : 503;
    ctx.body = { status: ready ? 'ready' : 'not ready', database, migrations };
  });

  router.get('/metrics', async (ctx) => {
    ctx.type = 'text/plain; version=0.0.4';
    ctx.body = await metrics.render();
  });
}
