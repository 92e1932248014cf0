// The benchmark's baseline: a bare Koa endpoint that does only the unavoidable part of a
// WeCom callback — read the body, parse the outer XML, verify the signature (constant time)
// and decrypt — with the service's own functions, then answers 200 with an empty body.
// No router, no request-id/log middleware, no database.
//
// Started by scripts/bench-callback.ts as a child process:
//   BENCH_TOKEN=.. BENCH_AES_KEY=.. BENCH_CORP_ID=.. PORT=0 node --import tsx scripts/bench/bare-endpoint.ts
// Prints one JSON line {"listening": "http://127.0.0.1:PORT"} on stdout when ready; stops on SIGTERM.
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import { readRawBody } from '../../src/http/raw-body.ts';
import { decrypt, verifySignature } from '../../src/platforms/wecom/crypto.ts';
import { CALLBACK_BODY_LIMIT } from '../../src/platforms/wecom/receiver.ts';
import { parseXml } from '../../src/platforms/wecom/xml.ts';

const token = requireEnv('BENCH_TOKEN');
const aesKey = requireEnv('BENCH_AES_KEY');
const corpId = requireEnv('BENCH_CORP_ID');
const port = Number(process.env.PORT ?? 0);

const app = new Koa();
app.silent = true;
app.use(async (ctx) => {
  if (ctx.method !== 'POST' || ctx.path !== '/wecom/callback') {
    ctx.status = ctx.path === '/healthz' ? 200 : 404;
    ctx.body = '';
    return;
  }
  try {
    const signature = String(ctx.query.msg_signature ?? '');
    const timestamp = String(ctx.query.timestamp ?? '');
    const nonce = String(ctx.query.nonce ?? '');
    const body = (await readRawBody(ctx.req, CALLBACK_BODY_LIMIT)).toString('utf8');
    const encrypted = parseXml(body).Encrypt;
    if (typeof encrypted !== 'string' || !encrypted) throw new Error('no <Encrypt>');
    verifySignature(token, { signature, timestamp, nonce }, encrypted);
    decrypt(aesKey, encrypted, corpId);
    ctx.status = 200;
    ctx.body = '';
  } catch {
    ctx.status = 400;
    ctx.body = '';
  }
});

const server = app.listen(port, '127.0.0.1', () => {
  const { port: bound } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${bound}` })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`bare-endpoint: ${name} is not set`);
    process.exit(2);
  }
  return value;
}
