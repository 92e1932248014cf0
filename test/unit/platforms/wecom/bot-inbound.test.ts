import { describe, expect, it } from 'vitest';
import { BotPayloadError, stripMention, toBotInboundEvent } from '../../../../src/platforms/wecom/bot-inbound.ts';

const RECEIVED = new Date('2026-11-23T02:00:00Z');
const URL = 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC1';
const group = {
  msgid: 'CAIQ16HMjQYY',
  aibotid: 'AIBOTID',
  chatid: 'wrkSFfCgAAxxxx',
  chattype: 'group',
  from: { userid: 'zhangsan' },
  response_url: URL,
};

function mapped(payload: unknown) {
  const result = toBotInboundEvent(payload, RECEIVED);
  if (result.kind !== 'event') throw new Error(`ignored: ${result.reason}`);
  return result;
}

describe('WeCom robot callback JSON', () => {
  it('turns a group text into a group message without the mention, keyed by aibotid and msgid', () => {
    const { event, platformKey } = mapped({ ...group, msgtype: 'text', text: { content: '@RobotA 请假' } });
    expect(platformKey).toBe('bot:AIBOTID:msg:CAIQ16HMjQYY');
    expect(event).toEqual({
      channel: 'wecom', type: 'message', msgId: 'CAIQ16HMjQYY', msgType: 'text', text: '请假',
      senderId: 'zhangsan', chatType: 'group', chatId: 'wrkSFfCgAAxxxx', sentAt: RECEIVED.toISOString(), replyUrl: URL,
    });
  });

  it('strips a leading @name followed by any space, including U+2005 and full-width', () => {
    expect(stripMention('@人大代表履职助手\u2005帮助')).toBe('帮助');
    expect(stripMention('  @Robot\u3000 我的信息 ')).toBe('我的信息');
    expect(stripMention('帮助')).toBe('帮助');
    expect(stripMention('@Robot')).toBe('');
    expect(stripMention('请联系 @张三')).toBe('请联系 @张三');
  });

  it('joins the text items of a mixed message and keeps the first image as media', () => {
    const { event } = mapped({
      ...group, msgtype: 'mixed',
      mixed: { msg_item: [
        { msgtype: 'text', text: { content: '@RobotA 路灯坏了' } },
        { msgtype: 'image', image: { url: 'https://example.invalid/1.jpg' } },
        { msgtype: 'text', text: { content: '请看照片' } },
        { msgtype: 'image', image: { url: 'https://example.invalid/2.jpg' } },
      ] },
    });
    expect(event).toMatchObject({ type: 'message', msgType: 'mixed', text: '路灯坏了\n请看照片', mediaRef: 'https://example.invalid/1.jpg' });
  });

  it('takes images and files in a single chat, with the url as media', () => {
    const single = { ...group, chattype: 'single', chatid: undefined };
    expect(mapped({ ...single, msgtype: 'image', image: { url: 'https://x.invalid/i' } }).event)
      .toMatchObject({ type: 'message', msgType: 'image', text: '', mediaRef: 'https://x.invalid/i', chatType: 'single' });
    expect(mapped({ ...single, msgtype: 'file', file: { url: 'https://x.invalid/f' } }).event).toMatchObject({ msgType: 'file', mediaRef: 'https://x.invalid/f' });
    expect(mapped({ ...single, msgtype: 'file', file: { url: 'https://x.invalid/f' } }).event).not.toHaveProperty('chatId');
  });

  it('maps enter_chat to a platform event and a card click to a card action, both keyed by msgid', () => {
    const base = { msgid: 'E1', aibotid: 'AIBOTID', create_time: 1700000000, chattype: 'single', from: { userid: 'lisi' }, msgtype: 'event' };
    const enter = mapped({ ...base, event: { eventtype: 'enter_chat' } });
    expect(enter.platformKey).toBe('bot:AIBOTID:msg:E1');
    expect(enter.event).toMatchObject({ type: 'event', event: 'enter_chat', sentAt: '2023-11-14T22:13:20.000Z' });
    const click = mapped({
      ...base, msgid: 'E2', response_url: URL,
      event: { eventtype: 'template_card_event', template_card_event: {
        card_type: 'vote_interaction', event_key: 'leave.approve:7', task_id: 'leave-7',
        selected_items: { selected_item: [{ question_key: 'q1', option_ids: { option_id: ['a', 'b'] } }] },
      } },
    });
    expect(click.event).toMatchObject({ type: 'card_action', actionKey: 'leave.approve:7', taskId: 'leave-7', selections: { q1: ['a', 'b'] }, replyUrl: URL });
  });

  it('ignores what needs no work: stream refreshes, feedback, voice, media in a group', () => {
    const ignored = (payload: unknown) => toBotInboundEvent(payload, RECEIVED).kind;
    expect(ignored({ ...group, msgtype: 'stream', stream: { id: 's1' } })).toBe('ignored');
    expect(ignored({ ...group, msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: { id: 'f', type: 1 } } })).toBe('ignored');
    expect(ignored({ ...group, msgtype: 'voice', voice: { content: '请假' } })).toBe('ignored');
    expect(ignored({ ...group, msgtype: 'image', image: { url: 'https://x.invalid/i' } })).toBe('ignored');
  });

  it('refuses a callback without msgid, aibotid, sender or msgtype, a group without chatid, an unknown chattype', () => {
    const text = { ...group, msgtype: 'text', text: { content: 'x' } };
    for (const broken of [
      { ...text, msgid: '' },
      { ...text, aibotid: undefined },
      { ...text, from: {} },
      { ...text, msgtype: undefined },
      { ...text, chatid: undefined },
      { ...text, chattype: 'channel' },
      'not an object',
      null,
    ]) {
      expect(() => toBotInboundEvent(broken, RECEIVED)).toThrow(BotPayloadError);
    }
  });
});
