import { describe, expect, it } from 'vitest';
import { toInboundEvent } from '../../../../src/platforms/wecom/inbound.ts';
import { buildXml, parseXml, XmlError } from '../../../../src/platforms/wecom/xml.ts';
import { renderTemplateCard } from '../../../../src/platforms/wecom/cards.ts';

const APP = 'ww1:1000002';

describe('WeCom inbound XML', () => {
  it('turns a text message into a neutral message keyed by MsgId (kept as a string)', () => {
    const xml = '<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[ 请假 ]]></Content><MsgId>1234567890123456789</MsgId><AgentID>1000002</AgentID></xml>';
    const { event, platformKey } = toInboundEvent(parseXml(xml), APP);
    expect(platformKey).toBe('ww1:1000002:msg:1234567890123456789');
    expect(event).toMatchObject({ type: 'message', senderId: 'zhangsan', text: '请假', msgId: '1234567890123456789', sentAt: '2023-11-14T22:13:20.000Z' });
  });

  it('turns a template_card_event into a card action with selections', () => {
    const xml = buildXml({
      ToUserName: 'ww1', FromUserName: 'lisi', CreateTime: '1700000001', MsgType: 'event', Event: 'template_card_event',
      EventKey: 'leave.approve:7', TaskId: 'leave-7', CardType: 'button_interaction', ResponseCode: 'rc-1', AgentID: '1000002',
    });
    const withSelection = xml.replace('</xml>', '<SelectedItems><SelectedItem><QuestionKey>q1</QuestionKey><OptionIds><OptionId>a</OptionId><OptionId>b</OptionId></OptionIds></SelectedItem></SelectedItems></xml>');
    const { event, platformKey } = toInboundEvent(parseXml(withSelection), APP);
    expect(platformKey).toBe('ww1:1000002:evt:lisi:1700000001:template_card_event:leave.approve:7:leave-7');
    expect(event).toMatchObject({ type: 'card_action', actionKey: 'leave.approve:7', taskId: 'leave-7', cardHandle: 'rc-1', selections: { q1: ['a', 'b'] } });
  });

  it('keeps entities unexpanded and refuses DOCTYPE', () => {
    expect(() => parseXml('<!DOCTYPE x [<!ENTITY a "b">]><xml><A>&a;</A></xml>')).toThrow(XmlError);
    expect(parseXml('<xml><A>&amp;lt;</A></xml>').A).toBe('&amp;lt;');
  });

  it('refuses a message without MsgId and XML without a root', () => {
    expect(() => toInboundEvent(parseXml('<xml><FromUserName>a</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>'), APP)).toThrow(XmlError);
    expect(() => parseXml('<root/>')).toThrow(XmlError);
    expect(() => parseXml('<xml><a></xml>')).toThrow(XmlError);
  });

  it('renders a neutral card as a button_interaction template card within WeCom limits', () => {
    const card = renderTemplateCard({
      taskId: 'help-1', title: '一个非常非常非常非常非常非常非常非常非常长的标题', buttons: [
        { key: 'a', text: '批准', style: 'primary' }, { key: 'b', text: '驳回', style: 'danger' },
      ], fields: [{ label: '时间', value: '12月5日 14:30' }],
    });
    expect(card).toMatchObject({ card_type: 'button_interaction', task_id: 'help-1', button_list: [{ key: 'a', style: 1 }, { key: 'b', style: 3 }] });
    expect([...(card.main_title as { title: string }).title].length).toBeLessThanOrEqual(26);
  });
});
