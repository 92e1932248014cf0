// The fake's message/send protections behave as WeCom documents them (doc 90236, errcode 42014).
import { describe, expect, it } from 'vitest';
import { FakeSendRules } from '../../../src/simulator/fake-send-rules.ts';

const text = (content: string, check = 1, interval = 14_400) => ({
  touser: 'a|b', agentid: 1, msgtype: 'text', text: { content }, enable_duplicate_check: check, duplicate_check_interval: interval,
});
const card = (taskId: string) => ({ touser: 'a', agentid: 1, msgtype: 'template_card', template_card: { task_id: taskId, card_type: 'button_interaction' } });

describe('fake WeCom message/send rules', () => {
  it('duplicate check: the same content to a member inside the interval is not delivered again; after it, it is', () => {
    let now = 0;
    const rules = new FakeSendRules(() => now);
    expect(rules.accept(['a', 'b'], text('x'))).toEqual(['a', 'b']);
    now = 14_399_000;
    expect(rules.accept(['a', 'b'], text('x'))).toEqual([]);
    expect(rules.accept(['a', 'b'], text('y'))).toEqual(['a', 'b']);
    now = 14_400_000 + 1;
    expect(rules.accept(['a'], text('x'))).toEqual(['a']);
    expect(rules.suppressed.get('a')).toBe(1);
  });

  it('without the check (or with a shorter interval) a repeat is delivered; the default interval is 1800 s', () => {
    let now = 0;
    const rules = new FakeSendRules(() => now);
    rules.accept(['a'], text('x'));
    expect(rules.accept(['a'], text('x', 0))).toEqual(['a']);
    now = 1_800_001;
    const { duplicate_check_interval: _, ...noInterval } = text('x');
    expect(rules.accept(['a'], noInterval)).toEqual(['a']);
  });

  it('refuses an interval over 4 hours', () => {
    expect(new FakeSendRules(() => 0).refusal(text('x', 1, 14_401))).toMatchObject({ errcode: 40058 });
  });

  it('a task_id is used once per app: a second send, an empty or a malformed one is refused with 42014', () => {
    const rules = new FakeSendRules(() => 0);
    expect(rules.refusal(card('notice-1@abc'))).toBeUndefined();
    rules.accept(['a'], card('notice-1@abc'));
    expect(rules.refusal(card('notice-1@abc'))).toEqual({ errcode: 42014, errmsg: 'taskid has existed or empty or exceed max len' });
    expect(rules.refusal(card(''))).toMatchObject({ errcode: 42014 });
    expect(rules.refusal(card('a b'))).toMatchObject({ errcode: 42014 });
    expect(rules.refusal(card('x'.repeat(129)))).toMatchObject({ errcode: 42014 });
    expect(rules.refusedTaskIds).toBe(4);
  });
});
