import { describe, expect, it } from 'vitest';
import { fallbackFor } from '../../../src/jobs/outbox-fallback.ts';

describe('fallbackFor: the other way a message reaches its people', () => {
  it('a card update becomes its fallback text to the same users; without one, nothing', () => {
    expect(fallbackFor({ kind: 'card_settle', toUsers: ['a', 'b'], handle: 'r', text: '已批准', fallbackText: '李春梅的请假已批准' }))
      .toEqual({ kind: 'text', toUsers: ['a', 'b'], text: '李春梅的请假已批准' });
    expect(fallbackFor({ kind: 'card_settle', toUsers: ['a'], handle: 'r', text: '已批准' })).toBeUndefined();
  });

  it('a robot answer becomes a private text to the asker, saying where it came from', () => {
    expect(fallbackFor({ kind: 'robot_reply', replyUrl: 'u', markdown: '答复', toUser: 'zhangsan', chatId: 'g1' }))
      .toEqual({ kind: 'text', toUsers: ['zhangsan'], text: '您在群聊中的提问，机器人的回复未能发到群里，现发给您：\n答复' });
    expect(fallbackFor({ kind: 'robot_reply', replyUrl: 'u', markdown: '答复', toUser: 'zhangsan' })!.text).toBe('您刚才向机器人的提问，回复如下：\n答复');
  });

  it('a plain text has no other way', () => {
    expect(fallbackFor({ kind: 'text', toUsers: ['a'], text: 'x' })).toBeUndefined();
  });
});
