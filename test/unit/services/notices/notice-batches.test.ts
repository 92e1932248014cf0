import { describe, expect, it } from 'vitest';
import { DINGTALK_TRAITS } from '../../../../src/platforms/dingtalk/traits.ts';
import { WECOM_TRAITS } from '../../../../src/platforms/wecom/traits.ts';
import { BATCH_TARGET, BatchCutter, batchSize, planBatches, recipientsPerCall, type Batchable } from '../../../../src/services/notices/notice-batches.ts';

/** channel null: no account. */
const people = (n: number, variant = 'invited', channel: string | null = 'wecom', from = 1): Batchable<number>[] =>
  Array.from({ length: n }, (_, i) => ({ row: from + i, variant, channel: channel ?? undefined }));
const size = (channel: string) => batchSize(recipientsPerCall(channel === 'wecom' ? WECOM_TRAITS : DINGTALK_TRAITS, 'card'));

describe('how a due notice is cut into batches', () => {
  it('a batch is a whole number of platform calls, as near the target as that allows', () => {
    expect(batchSize(1000)).toBe(1000); // WeCom message/send: 1,000 in touser
    expect(batchSize(20)).toBe(1000); // DingTalk batchSend: 50 calls of 20
    expect(batchSize(1)).toBe(1000); // a DingTalk card: one person a call
    expect(batchSize(300)).toBe(900);
    expect(batchSize(1500)).toBe(1500); // never less than one full call
    expect(batchSize(7, 10)).toBe(7);
  });

  it('a card goes to as many people a call as the platform takes cards for', () => {
    expect(recipientsPerCall(WECOM_TRAITS, 'card')).toBe(1000);
    expect(recipientsPerCall(DINGTALK_TRAITS, 'card')).toBe(1);
    expect(recipientsPerCall(DINGTALK_TRAITS, 'text')).toBe(20);
  });

  it('10,000 people on one channel with one card make ten full batches, each person in exactly one', () => {
    const batches = planBatches(people(10_000), size);
    expect(batches.map((b) => b.rows.length)).toEqual(Array(10).fill(1000));
    const rows = batches.flatMap((b) => b.rows);
    expect(new Set(rows).size).toBe(10_000);
    expect(rows).toEqual(people(10_000).map((p) => p.row)); // in the order given
  });

  it('n people make ceil(n / 1,000) batches, only the last one short', () => {
    for (const n of [1, 999, 1000, 1001, 5999, 6000, 100_000]) {
      const batches = planBatches(people(n), size);
      expect(batches).toHaveLength(Math.ceil(n / 1000));
      expect(batches.slice(0, -1).every((b) => b.rows.length === 1000)).toBe(true);
    }
  });

  it('rules A6, L5: people whose cards show different answers never share a batch, and each answer fills its own batches', () => {
    const mixed = [...people(1500, 'invited'), ...people(700, 'attending', 'wecom', 2001), ...people(600, 'invited', 'wecom', 3001)];
    const batches = planBatches(mixed, size);
    expect(batches.map((b) => [b.variant, b.rows.length])).toEqual([['invited', 1000], ['invited', 1000], ['attending', 700], ['invited', 100]]);
    expect(batches[1]!.rows.slice(499, 501)).toEqual([1500, 3001]); // the later invitees fill the earlier ones' last batch
  });

  it('people on another channel are batched apart, so no batch leaves a part-call on each channel', () => {
    const mixed = people(3000).map((p, i) => (i % 2 ? { ...p, channel: 'dingtalk' } : p));
    const batches = planBatches(mixed, size);
    expect(batches.map((b) => b.rows.length)).toEqual([1000, 1000, 500, 500]);
    expect(batches[0]!.rows.every((r) => r % 2 === 1)).toBe(true); // wecom: the even indexes, rows 1, 3, …
    expect(batches[1]!.rows.every((r) => r % 2 === 0)).toBe(true);
  });

  it('people without an account are batched on their own by the target size', () => {
    const batches = planBatches([...people(10), ...people(BATCH_TARGET + 1, 'invited', null, 100)], size);
    expect(batches.map((b) => b.rows.length)).toEqual([BATCH_TARGET, 10, 1]); // full ones as they fill, then the short ones
  });

  it('read a page at a time, a unit is cut exactly as if read at once: a page boundary leaves no short batch', () => {
    const all = [...people(4999), ...people(1001, 'invited', 'wecom', 5000)];
    const cutter = new BatchCutter<number>(size);
    const paged = [...cutter.add(all.slice(0, 4999)), ...cutter.add(all.slice(4999)), ...cutter.rest()];
    expect(paged.map((b) => b.rows.length)).toEqual([1000, 1000, 1000, 1000, 1000, 1000]);
    expect(paged).toEqual(planBatches(all, size));
    expect(cutter.rest()).toEqual([]); // nothing is handed out twice
  });
});
