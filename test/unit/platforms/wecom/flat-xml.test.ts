// The flat fast path reads a callback exactly as the general parser does, or declines it.
import { describe, expect, it } from 'vitest';
import { parseFlatXml } from '../../../../src/platforms/wecom/flat-xml.ts';
import { parseGeneralXml, parseXml } from '../../../../src/platforms/wecom/xml.ts';

const envelope = '<xml><ToUserName><![CDATA[ww1234]]></ToUserName><Encrypt><![CDATA[abc+/=]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>';
const message =
  '<xml><ToUserName><![CDATA[ww1234]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName><CreateTime>1700000000</CreateTime>' +
  '<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[  请假 明天 <b>&amp; ]]></Content><MsgId>7239000000000000001</MsgId><AgentID>1000002</AgentID></xml>';

const taken = [
  envelope,
  message,
  '<xml>\n  <A><![CDATA[  hi  ]]></A>\n  <B> 12 </B>\n  <C></C>\n  <D>&lt;x&gt;</D>\n</xml>\n',
  '<xml><A> <![CDATA[x]]> </A><B><![CDATA[]]></B><C><![CDATA[ ]]></C><D>  </D></xml>',
  '<xml><A><![CDATA[多行\n文本]]></A></xml>',
];

const declined = [
  '<?xml version="1.0"?><xml><A>1</A></xml>',
  '<xml><A><B>1</B></A></xml>',
  '<xml><A x="1">1</A></xml>',
  '<xml><A/></xml>',
  '<xml><!-- c --><A>1</A></xml>',
  '<xml><A>1</A><A>2</A></xml>',
  '<xml><OptionId>1</OptionId></xml>',
  '<xml><A><![CDATA[a]]>b</A></xml>',
  '<xml><A><![CDATA[x]]]]><![CDATA[>y]]></A></xml>',
  '<xml><A><![CDATA[x]]>y]]></A></xml>',
  '<xml><A>1</B></xml>',
  '<xml><A>1</A>',
  '<xml><A>1</A></xml>trailing',
  '<xml></xml>',
  '<other><A>1</A></other>',
  '',
];

describe('parseFlatXml', () => {
  it.each(taken)('reads %j as the general parser does', (doc) => {
    const flat = parseFlatXml(doc);
    expect(flat).toBeDefined();
    expect(flat).toEqual(parseGeneralXml(doc));
  });

  it.each(declined)('declines %j (the general parser decides)', (doc) => {
    expect(parseFlatXml(doc)).toBeUndefined();
  });

  it('parseXml gives the same answers either way, and the same refusals', () => {
    for (const doc of [...taken, ...declined]) {
      let general: unknown;
      try {
        general = parseGeneralXml(doc);
      } catch (err) {
        general = (err as Error).name;
      }
      let either: unknown;
      try {
        either = parseXml(doc);
      } catch (err) {
        either = (err as Error).name;
      }
      expect(either, doc).toEqual(general);
    }
  });

  it('stays linear on a long value with many section ends', () => {
    const doc = `<xml><A><![CDATA[${'x]]>'.repeat(20_000)}</A></xml>`;
    expect(parseFlatXml(doc)).toBeUndefined();
  });
});
