// Load generator for the callback benchmark: node:http with a keep-alive agent, requests
// prepared in advance (the crypto of building them must not compete with the server), and
// two kinds of phase:
//   closedLoop — N connections, each sends its next request as soon as the last one answered
//                (maximum throughput);
//   openLoop   — requests fire on a fixed schedule (e.g. 500/s) whatever the answers do,
//                latency measured from the moment a request is sent to the end of its answer.
// Either may spread its load over several instances of the service (a list of base URLs), as
// a load balancer would: connection i (closed loop) or request i (open loop) goes to URL i mod n.
import http from 'node:http';

export interface PreparedRequest {
  /** Path and query, e.g. /wecom/callback?msg_signature=..&timestamp=..&nonce=.. */
  path: string;
  body: Buffer;
  /** What identifies the callback once stored (the InboundEvent platform key). */
  key: string;
}

export interface PhaseResult {
  label: string;
  sent: number;
  ok: number;
  errors: number;
  errorKinds: Map<string, number>;
  elapsedMs: number;
  /** 200 answers per second over the phase. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Keys of the requests answered 200. */
  okKeys: string[];
  /** Keys of requests whose fate is unknown (socket error / timeout): the server may have stored them. */
  unknownKeys: string[];
  /** A closed loop that ran out of prepared requests before its time was up. */
  exhausted: boolean;
}

const REQUEST_TIMEOUT_MS = 10_000;

interface Target {
  host: string;
  port: number;
}

function targetsOf(baseUrls: string | string[]): Target[] {
  const urls = typeof baseUrls === 'string' ? [baseUrls] : baseUrls;
  if (urls.length === 0) throw new Error('no base URL to send to');
  return urls.map((url) => {
    const u = new URL(url);
    return { host: u.hostname, port: Number(u.port) };
  });
}

type Outcome = { status: number; ms: number } | { error: string; ms: number };

function send(agent: http.Agent, target: Target, req: PreparedRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let settled = false;
    const finish = (o: { status: number } | { error: string }) => {
      if (settled) return;
      settled = true;
      resolve({ ...o, ms: performance.now() - started });
    };
    const r = http.request(
      {
        agent,
        host: target.host,
        port: target.port,
        method: 'POST',
        path: req.path,
        headers: { 'content-type': 'text/xml', 'content-length': req.body.length },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () => finish({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => finish({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
      },
    );
    r.setTimeout(REQUEST_TIMEOUT_MS, () => {
      finish({ error: 'timeout' });
      r.destroy();
    });
    r.on('error', (err) => finish({ error: (err as NodeJS.ErrnoException).code ?? err.message }));
    r.end(req.body);
  });
}

class Recorder {
  readonly latencies: Float64Array;
  count = 0;
  sent = 0;
  ok = 0;
  errors = 0;
  readonly errorKinds = new Map<string, number>();
  readonly okKeys: string[] = [];
  readonly unknownKeys: string[] = [];

  constructor(
    capacity: number,
    private readonly keepKeys = true,
  ) {
    this.latencies = new Float64Array(capacity);
  }

  record(req: PreparedRequest, o: Outcome): void {
    if (this.count < this.latencies.length) this.latencies[this.count++] = o.ms;
    if ('status' in o && o.status === 200) {
      this.ok++;
      if (this.keepKeys) this.okKeys.push(req.key);
      return;
    }
    this.errors++;
    const kind = 'status' in o ? `HTTP ${o.status}` : o.error;
    this.errorKinds.set(kind, (this.errorKinds.get(kind) ?? 0) + 1);
    if (!('status' in o)) this.unknownKeys.push(req.key);
  }

  result(label: string, elapsedMs: number, exhausted: boolean): PhaseResult {
    const sorted = this.latencies.subarray(0, this.count).sort();
    const pct = (p: number) => (sorted.length ? sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]! : NaN);
    return {
      label,
      sent: this.sent,
      ok: this.ok,
      errors: this.errors,
      errorKinds: this.errorKinds,
      elapsedMs,
      rps: this.ok / (elapsedMs / 1000),
      p50: pct(0.5),
      p90: pct(0.9),
      p99: pct(0.99),
      max: sorted.length ? sorted[sorted.length - 1]! : NaN,
      okKeys: this.okKeys,
      unknownKeys: this.unknownKeys,
      exhausted,
    };
  }
}

function newAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'fifo' });
}

/** N connections, each sending back to back, for `seconds` or until the pool is used up. */
export async function closedLoop(
  label: string,
  baseUrls: string | string[],
  pool: PreparedRequest[],
  opts: { connections: number; seconds: number; /** Reuse the pool round-robin (targets that store nothing). */ cycle?: boolean },
): Promise<PhaseResult> {
  const targets = targetsOf(baseUrls);
  const agent = newAgent(opts.connections);
  const rec = new Recorder(opts.cycle ? 1 << 21 : pool.length, !opts.cycle);
  let next = 0;
  let exhausted = false;
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  const worker = async (_: unknown, connection: number) => {
    const target = targets[connection % targets.length]!;
    while (performance.now() < deadline) {
      if (next >= pool.length) {
        if (!opts.cycle) {
          exhausted = true;
          return;
        }
        next = 0;
      }
      const req = pool[next++]!;
      rec.sent++;
      rec.record(req, await send(agent, target, req));
    }
  };
  await Promise.all(Array.from({ length: opts.connections }, worker));
  const elapsed = performance.now() - started;
  agent.destroy();
  return rec.result(label, elapsed, exhausted);
}

/** Fires requests at a fixed rate for `seconds`, whatever the answers do. */
export async function openLoop(
  label: string,
  baseUrls: string | string[],
  pool: PreparedRequest[],
  opts: { rate: number; seconds: number },
): Promise<PhaseResult> {
  const targets = targetsOf(baseUrls);
  const agent = newAgent(256);
  const total = Math.min(pool.length, Math.round(opts.rate * opts.seconds));
  const rec = new Recorder(total);
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * opts.rate) / 1000) + 1);
      while (rec.sent < due) {
        const target = targets[rec.sent % targets.length]!;
        const req = pool[rec.sent++]!;
        const p = send(agent, target, req).then((o) => {
          rec.record(req, o);
          inFlight.delete(p);
        });
        inFlight.add(p);
      }
      if (rec.sent >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 1);
    tick();
  });
  await Promise.all(inFlight);
  const elapsed = performance.now() - started;
  agent.destroy();
  return rec.result(label, elapsed, false);
}
