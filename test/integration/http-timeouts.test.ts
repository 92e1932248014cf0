// Half-sent requests are cut in seconds (Node's defaults held them for up to 300 s), while a
// slow answer to a whole request, the simulator page's 20 s long poll, is not.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, TIMEOUT_CHECK_INTERVAL_MS } from '../../src/http/server.ts';
import { startTestBot, type TestBot } from '../helpers/bot.ts';

/** Slack for a busy 2-core machine on top of Node's own check interval. */
const SLACK_MS = TIMEOUT_CHECK_INTERVAL_MS + 1_500;

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ mode: 'local' });
  await quietStore();
});

/**
 * Start-up sends what the demo county has due (reception duty, yearly reminders), and any new
 * message ends a long poll: wait until the outbox is drained and the page's store stays still.
 */
async function quietStore(): Promise<void> {
  const store = t.bot.simulator!.store;
  for (let stillFor = 0, last = -1; stillFor < 1_500; ) {
    const busy = await t.bot.db.outbox.count({ where: { status: { in: ['pending', 'sending'] } } });
    stillFor = busy === 0 && store.version === last ? stillFor + 100 : 0;
    last = store.version;
    await new Promise((r) => setTimeout(r, 100));
  }
}
afterAll(() => t.stop());

/** Writes `data` on a raw socket and resolves when the server closes it, with what it answered. */
function sendAndWaitForClose(data: string): Promise<{ ms: number; answer: string }> {
  const { hostname, port } = new URL(t.bot.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => socket.write(data));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.once('error', reject);
    socket.once('close', () => resolve({ ms: performance.now() - started, answer }));
    // Never hang the suite: give up (and fail below) well after the bound.
    setTimeout(() => socket.destroy(), REQUEST_TIMEOUT_MS + 10_000).unref();
  });
}

describe('HTTP server timeouts', () => {
  it('cuts half-sent headers and half-sent bodies with 408 within the bound, and keeps a 20 s long poll alive', async () => {
    const store = t.bot.simulator!.store;
    const version = store.version;
    const started = performance.now();
    const longPoll = fetch(`${t.bot.url}/sim/api/messages?userId=zhaowenhua&version=${version}`);
    const halfHeaders = sendAndWaitForClose('POST /wecom/callback?msg_signature=x HTTP/1.1\r\nHost: bot\r\n');
    const halfBody = sendAndWaitForClose(
      'POST /wecom/callback?msg_signature=x&timestamp=1&nonce=n HTTP/1.1\r\nHost: bot\r\nContent-Type: text/xml\r\nContent-Length: 4096\r\n\r\n<xml><Encrypt>',
    );

    const headers = await halfHeaders;
    expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(headers.ms).toBeLessThan(HEADERS_TIMEOUT_MS + SLACK_MS);
    const body = await halfBody;
    expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(body.ms).toBeLessThan(REQUEST_TIMEOUT_MS + SLACK_MS);

    // The long poll has now waited longer than the request timeout; a message still ends it normally.
    await new Promise((r) => setTimeout(r, Math.max(0, REQUEST_TIMEOUT_MS + 500 - (performance.now() - started))));
    await httpPost(`${t.bot.url}/sim/api/say`, JSON.stringify({ userId: 'zhaowenhua', text: '帮助' }));
    const polled = await longPoll;
    expect(polled.status).toBe(200);
    const { messages } = (await polled.json()) as { messages: { from: string; text?: string }[] };
    expect(messages).toContainEqual(expect.objectContaining({ from: 'zhaowenhua', text: '帮助' }));
    expect(performance.now() - started).toBeGreaterThan(REQUEST_TIMEOUT_MS);
  }, REQUEST_TIMEOUT_MS + 20_000);
});
