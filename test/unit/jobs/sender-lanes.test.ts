import { describe, expect, it } from 'vitest';
import { lanesBySender, runLanes } from '../../../src/jobs/sender-lanes.ts';

const ev = (id: number, senderId: string, orgId = 1, channel = 'wecom') => ({ id, orgId, channel, senderId });

describe('lanesBySender', () => {
  it('keeps each sender in arrival order, lanes in the order of their first event', () => {
    const lanes = lanesBySender([ev(4, 'b'), ev(1, 'a'), ev(3, 'a'), ev(2, 'b'), ev(5, 'c')]);
    expect(lanes.map((l) => l.map((e) => e.id))).toEqual([[1, 3], [2, 4], [5]]);
  });

  it('the same user id in two organisations or on two platforms is two senders', () => {
    const lanes = lanesBySender([ev(1, 'a', 1), ev(2, 'a', 2), ev(3, 'a', 1, 'dingtalk')]);
    expect(lanes).toHaveLength(3);
  });
});

describe('runLanes', () => {
  it('runs lanes side by side up to the limit, each lane strictly in order', async () => {
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const gates = new Map<string, () => void>();
    const work = (e: string) => new Promise<void>((resolve) => {
      started.push(e);
      most = Math.max(most, ++running);
      gates.set(e, () => { running--; resolve(); });
    });
    const done = runLanes([['a1', 'a2'], ['b1'], ['c1']], 2, work);
    await Promise.resolve();
    expect(started).toEqual(['a1', 'b1']); // c waits for a free runner; a2 waits for a1
    gates.get('b1')!();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a1', 'b1', 'c1']);
    gates.get('a1')!();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a1', 'b1', 'c1', 'a2']);
    gates.get('c1')!();
    gates.get('a2')!();
    await done;
    expect(most).toBe(2);
  });

  it('with a limit of one, runs everything in the order given', async () => {
    const seen: number[] = [];
    await runLanes([[3, 1], [2]], 1, async (n) => void seen.push(n));
    expect(seen).toEqual([3, 1, 2]);
  });
});
