// The claim's rule, apart from SQL: which due rows a claim of `limit` takes, and in what order.
import { describe, expect, it } from 'vitest';
import { pickDueRows, type DueRow } from '../../../src/repositories/outbox-pick.ts';

let nextId = 1;
const row = (recipient: string, at: number, priority = 0, channel = 'wecom', orgId = 1): DueRow => ({ id: nextId++, orgId, channel, recipient, priority, at });
const ids = (rows: DueRow[]) => rows.map((r) => r.id);

describe('pickDueRows', () => {
  it('takes conversation rows first, then the row due longest, then the older row', () => {
    const notice = row('a', 100);
    const answer = row('b', 500, 1);
    const later = row('c', 200);
    const twinA = row('d', 150);
    const twinB = row('e', 150);
    expect(ids(pickDueRows([later, notice, twinB, answer, twinA], 10, 10))).toEqual([answer.id, notice.id, twinA.id, twinB.id, later.id]);
  });

  it('takes one row per recipient: a member\'s answer goes before the notice that fell due earlier', () => {
    const notice = row('a', 100);
    const answer = row('a', 900, 1);
    const second = row('a', 950, 1);
    expect(ids(pickDueRows([notice, second, answer], 10, 10))).toEqual([answer.id]);
  });

  it('a recipient is one person of one organisation on one platform: the same id on another channel or in another organisation is someone else', () => {
    const onWecom = row('a', 100);
    const onDingtalk = row('a', 100, 0, 'dingtalk');
    const inOrgTwo = row('a', 100, 0, 'wecom', 2);
    expect(ids(pickDueRows([onWecom, onDingtalk, inOrgTwo, row('a', 101)], 10, 10))).toEqual([onWecom.id, onDingtalk.id, inOrgTwo.id]);
  });

  it('keeps to the limit, and to the scheduled limit for rows that are not conversation rows', () => {
    const scheduled = [row('a', 1), row('b', 2), row('c', 3), row('d', 4)];
    const answers = [row('x', 9, 1), row('y', 10, 1)];
    expect(ids(pickDueRows([...scheduled, ...answers], 10, 1))).toEqual([answers[0]!.id, answers[1]!.id, scheduled[0]!.id]);
    expect(ids(pickDueRows([...scheduled, ...answers], 3, 3))).toEqual([answers[0]!.id, answers[1]!.id, scheduled[0]!.id]);
    expect(pickDueRows([...scheduled], 10, 0)).toEqual([]);
  });

  it('a scheduled row passed over for its recipient\'s answer does not use a scheduled slot', () => {
    const notice = row('a', 1);
    const answer = row('a', 5, 1);
    const other = row('b', 2);
    expect(ids(pickDueRows([notice, answer, other], 10, 1))).toEqual([answer.id, other.id]);
  });

  it('leaves its input as it was', () => {
    const due = [row('b', 2), row('a', 1)];
    const copy = [...due];
    pickDueRows(due, 10, 10);
    expect(due).toEqual(copy);
  });
});
