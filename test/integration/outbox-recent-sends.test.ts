// The per-member count behind WeCom's 30-a-minute limit, rewritten to stay flat as history grows
// (npm run bench:queues): it must count exactly what it counted before — messages sent to the
// member since `since`, plus the member's messages being sent now — per organisation and channel.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recentSends } from '../../src/repositories/outbox-repo.ts';
import { createTestDb, type TestDb } from '../helpers/db.ts';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(() => t.close());

const NOW = new Date('2026-11-30T02:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);

async function row(key: string, recipient: string, status: string, sentAt: Date | null, channel = 'wecom', orgId = 1) {
  await t.db.outbox.create({ data: { orgId, channel, idempotencyKey: key, kind: 'text', recipient, payload: '{}', status, nextAttemptAt: ago(120), sentAt } });
}

describe('recentSends', () => {
  it('counts sends since the cut-off and rows being sent, per member of one organisation and channel, with the oldest send time', async () => {
    await row('a1', 'alice', 'sent', ago(10));
    await row('a2', 'alice', 'sent', ago(59));
    await row('a3', 'alice', 'sent', ago(61)); // before the minute
    await row('a4', 'alice', 'sending', null);
    await row('a5', 'alice', 'pending', null);
    await row('a6', 'alice', 'dead', null);
    await row('a7', 'alice', 'sent', ago(5), 'dingtalk'); // another channel
    await row('a8', 'alice', 'sent', ago(5), 'wecom', 2); // the same user id in another organisation
    await row('a9', 'alice', 'sending', null, 'wecom', 2);
    await row('b1', 'bob', 'sending', null);
    await row('c1', 'carol', 'sent', ago(3600));
    await row('d1', 'dave', 'sent', ago(1));
    const counts = await recentSends(t.db, 1, 'wecom', ['alice', 'bob', 'carol', 'erin'], ago(60));
    expect([...counts.entries()].sort()).toEqual([
      ['alice', { count: 3, oldestSentAt: ago(59) }],
      ['bob', { count: 1, oldestSentAt: undefined }],
    ]);
    expect(await recentSends(t.db, 2, 'wecom', ['alice'], ago(60))).toEqual(new Map([['alice', { count: 2, oldestSentAt: ago(5) }]]));
    expect(await recentSends(t.db, 1, 'wecom', [], ago(60))).toEqual(new Map());
  });
});
