// Faults the fake WeCom API can inject, for the fault tests and the chaos harness: slow
// answers, connections dropped before or after WeCom carried the call out, 5xx from a
// gateway, errcode storms. A rule matches calls by path (and optionally their body) and
// either applies its faults in order, once each, or picks one at random at a given rate.
import type Koa from 'koa';

export type FaultWhen = 'before' | 'after';

export type Fault =
  /** Answer late: wait before doing the work, or do it and answer late. */
  | { kind: 'delay'; ms: number; when: FaultWhen }
  /** Answer only once `until` settles (a test decides when, whatever the machine's load). */
  | { kind: 'hold'; until: Promise<unknown> }
  /** Drop the connection (TCP reset) without an answer, before or after doing the work. */
  | { kind: 'reset'; when: FaultWhen }
  /** An HTTP error status from a gateway, before or after the work was done. */
  | { kind: 'status'; status: number; when: FaultWhen }
  /** A WeCom errcode answer (45009, -1, 42001 …); nothing is done. */
  | { kind: 'errcode'; errcode: number };

export interface FaultCall {
  path: string;
  body: Record<string, any>;
}

interface Rule {
  path: string;
  match?: (call: FaultCall) => boolean;
  /** Applied in order, one per matching call, then the rule is spent. */
  script?: Fault[];
  /** Each matching call gets one of these with probability `rate`. */
  random?: { rate: number; faults: Fault[] };
}

export class FaultPlan {
  private readonly rules: Rule[] = [];
  /** Every call the fake saw, with its body and the fault it got. */
  readonly calls: { path: string; body: Record<string, any>; fault?: Fault }[] = [];

  /** How long WeCom takes to answer a call it has carried out (none by default). */
  latencyMs?: (call: FaultCall) => number;
  /** Called once a call has been carried out, before it is answered (the chaos harness kills the bot here). */
  onCarriedOut?: (call: FaultCall) => void;

  constructor(private readonly random: () => number = Math.random) {}

  /** The next matching calls to `path` get these faults, one each. */
  script(path: string, faults: Fault[], match?: (call: FaultCall) => boolean): this {
    this.rules.push({ path, script: [...faults], match });
    return this;
  }

  /** Each matching call to `path` gets a random one of `faults` with probability `rate`. */
  randomly(path: string, rate: number, faults: Fault[], match?: (call: FaultCall) => boolean): this {
    this.rules.push({ path, random: { rate, faults }, match });
    return this;
  }

  clear(): void {
    this.rules.length = 0;
  }

  next(call: FaultCall): Fault | undefined {
    for (const rule of this.rules) {
      if (rule.path !== call.path || (rule.match && !rule.match(call))) continue;
      if (rule.script?.length) return rule.script.shift();
      if (rule.random && this.random() < rule.random.rate) {
        return rule.random.faults[Math.floor(this.random() * rule.random.faults.length)];
      }
    }
    return undefined;
  }
}

/** A seeded random source, so a chaos run can be repeated. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/**
 * Koa middleware applying the plan. `readBody` gives the parsed body (read once and kept for
 * the route). A reset sends a TCP RST, so the client sees ECONNRESET.
 */
export function faultMiddleware(plan: FaultPlan, readBody: (ctx: Koa.Context) => Promise<Record<string, any>>): Koa.Middleware {
  return async (ctx, next) => {
    const body = ctx.method === 'POST' ? await readBody(ctx) : {};
    const fault = plan.next({ path: ctx.path, body });
    plan.calls.push({ path: ctx.path, body, ...(fault ? { fault } : {}) });
    const latency = plan.latencyMs?.({ path: ctx.path, body }) ?? 0;
    if (!fault) {
      await next();
      plan.onCarriedOut?.({ path: ctx.path, body });
      if (latency > 0) await sleep(latency);
      return;
    }
    if (fault.kind === 'errcode') {
      ctx.body = { errcode: fault.errcode, errmsg: `injected ${fault.errcode}` };
      return;
    }
    if (fault.kind === 'hold') {
      await fault.until.catch(() => undefined);
      return next();
    }
    if (fault.when === 'before' && fault.kind === 'delay') await sleep(fault.ms);
    if (fault.when === 'before' && fault.kind !== 'delay') return fail(ctx, fault);
    await next();
    if (fault.when === 'after' && fault.kind === 'delay') await sleep(fault.ms);
    if (fault.when === 'after' && fault.kind !== 'delay') fail(ctx, fault);
  };
}

function fail(ctx: Koa.Context, fault: Extract<Fault, { kind: 'reset' | 'status' }>): void {
  if (fault.kind === 'status') {
    ctx.status = fault.status;
    ctx.body = `injected HTTP ${fault.status}`;
    return;
  }
  ctx.respond = false;
  const socket = ctx.req.socket as typeof ctx.req.socket & { resetAndDestroy?: () => void };
  if (socket.resetAndDestroy) socket.resetAndDestroy();
  else socket.destroy();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
