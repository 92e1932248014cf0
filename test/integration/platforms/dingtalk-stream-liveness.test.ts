// A DingTalk Stream that dies without a close (a NAT or proxy forgetting the idle flow) is
// noticed by its unanswered ping and reopened; a live one, whose pings are answered, is left
// alone. Against the fake DingTalk's Stream gateway, with a short ping interval.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StreamClient } from '../../../src/platforms/dingtalk/stream-client.ts';
import { FakeDingtalk } from '../../../src/simulator/fake-dingtalk.ts';
import { eventually } from '../../helpers/bot.ts';

const PING_MS = 100;
let dt: FakeDingtalk;
let client: StreamClient;

beforeEach(async () => {
  dt = new FakeDingtalk();
  await dt.start();
  client = new StreamClient({ clientId: 'dingapp', clientSecret: 's', apiBase: dt.url, pingIntervalMs: PING_MS, backoff: { baseMs: 50, maxMs: 100 } });
  await client.connect();
  await eventually(() => client.connected);
});

afterEach(async () => {
  client.disconnect();
  await dt.stop();
});

it('a connection whose pings are answered stays the one connection', async () => {
  await new Promise((r) => setTimeout(r, PING_MS * 6));
  expect([client.opened, dt.opens.length, client.connected]).toEqual([1, 1, true]);
});

it('a connection gone silent is dropped after an unanswered ping and opened again, with a fresh ticket', async () => {
  dt.freeze('dingapp');
  await eventually(() => client.opened === 2 && client.connected, 5_000);
  expect(dt.opens).toHaveLength(2);
  // The new connection carries frames again.
  const ack = dt.ackOf(dt.push('SYSTEM', 'ping', { opaque: 'after' }, undefined, undefined, 'dingapp'));
  expect(await ack).toMatchObject({ code: 200, data: JSON.stringify({ opaque: 'after' }) });
});
