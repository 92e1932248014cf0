// Local mode's clock, over HTTP. GET /sim/clock and POST /sim/clock are a contract (the README
// tour and scripts use them): both answer {"now": "<ISO 8601 with +08:00>"}; POST takes
// {"advanceMinutes": N} or {"to": "<ISO 8601>"}, moves forward only, and answers once
// everything due on the way has reached the fake WeCom. GET /sim/api/clock is the page's: it
// adds the next planned notice. Mounted with the simulator, so in local mode only.
import type Router from '@koa/router';
import type Koa from 'koa';
import { readRawBody } from '../http/raw-body.ts';
import { rejectRequest } from '../lib/errors.ts';
import { toShanghaiIso, parseIsoInstant } from '../lib/shanghai-iso.ts';
import { MAX_ADVANCE_MS, type SimClock } from './sim-clock.ts';

const EXAMPLE = '{"advanceMinutes": 60} 或 {"to": "2026-12-01T09:00:00+08:00"}';
const MAX_DAYS = MAX_ADVANCE_MS / 86_400_000;

export function mountClockRoutes(router: Router, clock: SimClock): void {
  router.get('/sim/clock', (ctx) => {
    ctx.body = { now: toShanghaiIso(clock.now()) };
  });

  router.post('/sim/clock', async (ctx) => {
    const target = readTarget(await readJsonObject(ctx), clock.now());
    ctx.body = { now: toShanghaiIso(await clock.advanceTo(target)) };
  });

  router.get('/sim/api/clock', async (ctx) => {
    const next = await clock.next();
    ctx.body = { now: toShanghaiIso(clock.now()), next: next ? { ...next, at: toShanghaiIso(next.at) } : null };
  });
}

/** The instant a request asks for; every refusal is one sentence saying what to send instead. */
export function readTarget(body: Record<string, unknown>, now: Date): Date {
  const hasMinutes = body.advanceMinutes !== undefined;
  const hasTo = body.to !== undefined;
  if (hasMinutes === hasTo) throw refuse(`请只给出 advanceMinutes（向前拨的分钟数）或 to（要拨到的时间）其中之一，例如 ${EXAMPLE}。`);
  if (hasMinutes) {
    const minutes = body.advanceMinutes;
    if (typeof minutes !== 'number' || !Number.isInteger(minutes) || minutes < 1) throw refuse('advanceMinutes 须是正整数（分钟），例如 60；时间只能向前拨。');
    if (minutes * 60_000 > MAX_ADVANCE_MS) throw refuse(`一次最多向前拨 ${MAX_DAYS} 天（${MAX_ADVANCE_MS / 60_000} 分钟），请分几次拨。`);
    return new Date(now.getTime() + minutes * 60_000);
  }
  const to = typeof body.to === 'string' ? parseIsoInstant(body.to) : undefined;
  if (!to) throw refuse('to 须是 ISO 8601 格式的时间，例如 2026-12-01T09:00:00+08:00（不写时区按北京时间）。');
  // Whole seconds: the time GET /sim/clock answered may be given back as it is.
  if (to.getTime() < Math.floor(now.getTime() / 1000) * 1000) {
    throw refuse(`模拟时间只能向前拨：现在是 ${toShanghaiIso(now)}，${toShanghaiIso(to)} 已经过去了。`);
  }
  if (to.getTime() - now.getTime() > MAX_ADVANCE_MS) throw refuse(`一次最多向前拨 ${MAX_DAYS} 天，请分几次拨。`);
  return to;
}

function refuse(sentence: string) {
  return rejectRequest('bad_clock_request', 400, sentence);
}

async function readJsonObject(ctx: Koa.Context): Promise<Record<string, unknown>> {
  const raw = (await readRawBody(ctx.req, 4 * 1024)).toString('utf8');
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw refuse(`请求体须是 JSON，例如 ${EXAMPLE}。`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refuse(`请求体须是 JSON 对象，例如 ${EXAMPLE}。`);
  return body as Record<string, unknown>;
}
