import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../src/lib/backoff.ts';
import { CounterBatch, Metrics } from '../../../src/lib/metrics.ts';

describe('backoffDelay', () => {
  const policy = { baseMs: 1000, maxMs: 10_000 };
  it('doubles per attempt with jitter between half and the full step', () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(500);
    expect(backoffDelay(1, policy, () => 1)).toBe(1000);
    expect(backoffDelay(3, policy, () => 0)).toBe(2000);
    expect(backoffDelay(3, policy, () => 1)).toBe(4000);
  });
  it('never exceeds the cap', () => {
    expect(backoffDelay(30, policy, () => 1)).toBe(10_000);
  });
});

describe('Metrics', () => {
  it('renders counters and gauges in Prometheus text format with escaped labels', async () => {
    const m = new Metrics();
    const inc = m.counter('bot_things_total', 'Things');
    inc({ result: 'ok' });
    inc({ result: 'ok' }, 2);
    inc({ result: 'say "hi"' });
    m.gauge('bot_depth', 'Depth', () => [{ labels: { status: 'pending' }, value: 4 }]);
    const text = await m.render();
    expect(text).toContain('# TYPE bot_things_total counter');
    expect(text).toContain('bot_things_total{result="ok"} 3');
    expect(text).toContain('bot_things_total{result="say \\"hi\\""} 1');
    expect(text).toContain('bot_depth{status="pending"} 4');
    expect(m.read('bot_things_total', { result: 'ok' })).toBe(3);
  });
});

describe('CounterBatch', () => {
  it('sums increments per series (name and labels) and hands each series over once', () => {
    const batch = new CounterBatch();
    batch.add('bot_x_total', 'X', { result: 'ok', thread: 'w' }, 1);
    batch.add('bot_x_total', 'X', { thread: 'w', result: 'ok' }, 2);
    batch.add('bot_x_total', 'X', { result: 'retry' }, 1);
    batch.add('bot_y_total', 'Y', {}, 5);
    const taken = batch.take();
    expect(taken).toEqual([
      { name: 'bot_x_total', help: 'X', labels: { result: 'ok', thread: 'w' }, by: 3 },
      { name: 'bot_x_total', help: 'X', labels: { result: 'retry' }, by: 1 },
      { name: 'bot_y_total', help: 'Y', labels: {}, by: 5 },
    ]);
    expect(batch.take()).toEqual([]);
  });
});
