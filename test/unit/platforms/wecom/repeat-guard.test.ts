import { describe, expect, it } from 'vitest';
import { renderTemplateCard } from '../../../../src/platforms/wecom/cards.ts';
import { DUPLICATE_CHECK_INTERVAL_S, isValidTaskId, wecomRepeatGuard, wecomTaskId } from '../../../../src/platforms/wecom/repeat-guard.ts';

const at = new Date('2026-11-23T01:00:00Z');

describe('WeCom repeat protection', () => {
  it('a card task_id: the card\'s id, then a hash of the row key and time; valid, unique per row, stable per row', () => {
    const a = wecomTaskId('notice-5-1-3-none', 'notice|5|notice:3|1|none|17', at);
    expect(a).toMatch(/^notice-5-1-3-none@[0-9A-Za-z_-]{22}$/);
    expect(isValidTaskId(a)).toBe(true);
    expect(wecomTaskId('notice-5-1-3-none', 'notice|5|notice:3|1|none|17', at)).toBe(a);
    expect(wecomTaskId('notice-5-1-3-none', 'notice|5|notice:3|1|none|1017', at)).not.toBe(a);
    // A reinstalled bot starts its keys again: the row's creation time keeps the id new.
    expect(wecomTaskId('leave-1', 'leave-approval:1', new Date(at.getTime() + 1))).not.toBe(wecomTaskId('leave-1', 'leave-approval:1', at));
  });

  it('a long or odd card id is cut and cleaned to WeCom\'s [0-9A-Za-z_-@], at most 128 bytes', () => {
    const id = wecomTaskId('通知:'.repeat(100), 'k'.repeat(5000), at);
    expect(isValidTaskId(id)).toBe(true);
    expect(Buffer.byteLength(id)).toBeLessThanOrEqual(128);
    expect(isValidTaskId('a b')).toBe(false);
    expect(isValidTaskId('x'.repeat(129))).toBe(false);
  });

  it('renders the given task_id, and an update keeps the card\'s own (the one WeCom has)', () => {
    const card = { taskId: 'notice-5-1-3-none@abc', title: 't', buttons: [] };
    expect(renderTemplateCard(card, 'other@x').task_id).toBe('other@x');
    expect(renderTemplateCard(card).task_id).toBe('notice-5-1-3-none@abc');
  });

  it('guards per kind: texts a 4-hour window, cards and codes unique ids, a robot answer until its hour is up, group texts nothing', () => {
    expect(DUPLICATE_CHECK_INTERVAL_S).toBe(14_400);
    expect(wecomRepeatGuard({ kind: 'text', toUsers: ['a'], text: 'x' }, at)).toEqual({ kind: 'window', windowMs: 14_400_000 });
    expect(wecomRepeatGuard({ kind: 'card', toUsers: ['a'], card: { taskId: 't', title: 't', buttons: [] } }, at)).toEqual({ kind: 'unique' });
    expect(wecomRepeatGuard({ kind: 'chat_text', chatId: 'c', text: 'x' }, at)).toEqual({ kind: 'none' });
    const robot = wecomRepeatGuard({ kind: 'robot_reply', replyUrl: 'u', markdown: 'x', toUser: 'a' }, at);
    expect(robot).toEqual({ kind: 'unique', expiresAt: new Date(at.getTime() + 55 * 60_000) });
  });
});
