// The callback endpoint through real HTTP: real encryption, a real SQLite file, and nock
// standing in for the WeCom API (no other network).
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { encrypt, sign } from '../../src/platforms/wecom/crypto.ts';
import { CALLBACK_BODY_LIMIT } from '../../src/platforms/wecom/receiver.ts';
import { eventually, settled, startCallbackTestBot, TEST_WECOM, type TestBot } from '../helpers/bot.ts';
import { mockWecomApi, type WecomApiMock } from '../helpers/wecom-api-mock.ts';

let t: TestBot;
let api: WecomApiMock;
const sends = () => api.sends() as { touser: string; msgtype: string; text?: { content: string } }[];

beforeAll(async () => {
  t = await startCallbackTestBot();
});

afterAll(() => t.stop());

beforeEach(() => {
  api = mockWecomApi();
});

afterEach(async () => {
  // Let the workers finish what this test caused before the next test counts sends.
  await settled(t.bot);
  nock.cleanAll();
});

const countEvents = () => t.bot.db.inboundEvent.count();

describe('GET /wecom/callback (URL verification)', () => {
  it('answers the decrypted echostr when the echostr arrives URL-encoded', async () => {
    const echostr = encrypt(TEST_WECOM.WECOM_AES_KEY, '1234567890123456789', TEST_WECOM.WECOM_CORP_ID);
    expect(echostr).toMatch(/[+/=]/); // the case that needs decoding
    const timestamp = String(Math.floor(t.clock.now().getTime() / 1000)); // a stale one is refused
    const signature = sign(TEST_WECOM.WECOM_TOKEN, timestamp, 'n1', echostr);
    const query = `msg_signature=${signature}&timestamp=${timestamp}&nonce=n1&echostr=${encodeURIComponent(echostr)}`;
    const res = await fetch(`${t.callbackUrl}?${query}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1234567890123456789');
  });

  it('refuses a verification with a bad signature', async () => {
    const echostr = encrypt(TEST_WECOM.WECOM_AES_KEY, 'x', TEST_WECOM.WECOM_CORP_ID);
    const res = await fetch(`${t.callbackUrl}?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=n&echostr=${encodeURIComponent(echostr)}`);
    expect(res.status).toBe(401);
  });
});

describe('POST /wecom/callback', () => {
  it('claims a callback once: three deliveries make one InboundEvent and one reply', async () => {
    const before = await countEvents();
    const sealed = t.sender.seal(t.sender.textXml('zhangsan', '帮助'));
    for (let i = 0; i < 3; i++) {
      const res = await t.sender.post(sealed);
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
    }
    expect(await countEvents()).toBe(before + 1);
    await eventually(() => sends().length >= 2); // the help text and the help card
    await new Promise((r) => setTimeout(r, 300));
    expect(sends().map((s) => s.msgtype)).toEqual(['text', 'template_card']);
    expect(sends()[0]!.touser).toBe('zhangsan');
    expect(sends()[0]!.text!.content).toContain('张三，您好');
    expect(t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', result: 'duplicate' })).toBeGreaterThanOrEqual(2);
  });

  it('20 concurrent deliveries of one callback have one effect', async () => {
    const before = await countEvents();
    const sealed = t.sender.seal(t.sender.textXml('zhangsan', '我的信息'));
    const answers = await Promise.all(Array.from({ length: 20 }, () => t.sender.post(sealed)));
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(await countEvents()).toBe(before + 1);
    await eventually(() => sends().length >= 1);
    await new Promise((r) => setTimeout(r, 300));
    expect(sends()).toHaveLength(1);
    expect(sends()[0]!.text!.content).toContain('张三的名册信息');
  });

  it('dedupes events by sender, CreateTime, event and key', async () => {
    const before = await countEvents();
    const click = t.sender.cardClickXml('zhangsan', { eventKey: 'help.contacts', taskId: 'help-1-1', responseCode: 'r1' }, 1700000001);
    await t.sender.post(t.sender.seal(click));
    await t.sender.post(t.sender.seal(click)); // a retry is re-encrypted with a new nonce
    expect(await countEvents()).toBe(before + 1);
  });

  it('answers an unknown WeCom member with one sentence about the roster', async () => {
    await t.sender.sendText('stranger01', '你好');
    const reply = await eventually(() => sends().find((s) => s.touser === 'stranger01'));
    expect(reply.text!.content).toContain('代表名册');
  });

  describe('refuses bad requests with 4xx and stores nothing', () => {
    const valid = () => t.sender.seal(t.sender.textXml('zhangsan', '帮助'));
    const withBody = (body: string) => ({ ...valid(), body });
    const encryptedFor = (inner: string, receiveId = TEST_WECOM.WECOM_CORP_ID) => t.sender.seal(inner, receiveId);
    const cases: [string, () => { query: string; body: string }, number][] = [
      ['a bad signature', () => ({ ...valid(), query: valid().query.replace(/msg_signature=\w+/, `msg_signature=${'a'.repeat(40)}`) }), 401],
      ['a wrong receive id', () => encryptedFor(t.sender.textXml('zhangsan', 'x'), 'wwSomeoneElse'), 403],
      ['a truncated ciphertext', () => truncated(valid()), 400],
      ['malformed XML', () => withBody('<xml><Encrypt>abc</Encrypt'), 400],
      ['XML with an entity declaration', () => withBody('<!DOCTYPE xml [<!ENTITY x "y">]><xml><Encrypt>&x;</Encrypt></xml>'), 400],
      ['an empty body', () => withBody(''), 400],
      ['no Encrypt element', () => withBody('<xml><ToUserName>x</ToUserName></xml>'), 400],
      ['decrypted XML without a sender', () => encryptedFor('<xml><MsgType>text</MsgType></xml>'), 400],
      ['a body over 64 KiB', () => withBody(`<xml><Encrypt>${'A'.repeat(CALLBACK_BODY_LIMIT)}</Encrypt></xml>`), 413],
    ];
    for (const [name, build, status] of cases) {
      it(name, async () => {
        const before = await countEvents();
        const res = await t.sender.post(build());
        expect(res.status).toBe(status);
        expect(await countEvents()).toBe(before);
      });
    }

    it('missing query parameters', async () => {
      const res = await httpPost(t.callbackUrl, valid().body);
      expect(res.status).toBe(400);
    });

    it('keeps serving after all of them', async () => {
      expect((await t.sender.post(valid())).status).toBe(200);
      expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(200);
    });
  });
});

function truncated(sealed: { query: string; body: string }) {
  const encrypted = /<Encrypt><!\[CDATA\[(.*?)\]\]><\/Encrypt>/.exec(sealed.body)![1]!.slice(0, 40);
  const params = new URLSearchParams(sealed.query);
  const signature = sign(TEST_WECOM.WECOM_TOKEN, params.get('timestamp')!, params.get('nonce')!, encrypted);
  params.set('msg_signature', signature);
  return { query: params.toString(), body: `<xml><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>` };
}
