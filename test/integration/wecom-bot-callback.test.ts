// The intelligent robot's callback endpoint through real HTTP: JSON bodies, real encryption
// with the EMPTY receive id, a real SQLite file, and nock for the response_url and the API.
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { httpPost } from '../../src/lib/http-client.ts';
import { encrypt, sign } from '../../src/platforms/wecom/crypto.ts';
import { CALLBACK_BODY_LIMIT } from '../../src/platforms/wecom/receiver.ts';
import { eventually, settled, startCallbackTestBot, TEST_WECOM, TEST_WECOM_BOT, type TestBot } from '../helpers/bot.ts';
import { mockRobotResponses, type RobotResponseMock } from '../helpers/robot-response-mock.ts';
import { mockWecomApi, type WecomApiMock } from '../helpers/wecom-api-mock.ts';

const { WECOM_BOT_TOKEN: TOKEN, WECOM_BOT_AES_KEY: AES_KEY } = TEST_WECOM_BOT;
const GROUP = 'wrGroup0001';

let t: TestBot;
let robot: RobotResponseMock;
let api: WecomApiMock;

beforeAll(async () => {
  t = await startCallbackTestBot();
});

afterAll(() => t.stop());

beforeEach(() => {
  robot = mockRobotResponses(); // first: the API mock's catch-all would refuse it
  api = mockWecomApi();
});

afterEach(async () => {
  await settled(t.bot);
  nock.cleanAll();
});

const countEvents = () => t.bot.db.inboundEvent.count();
const groupText = (text: string, from = 'zhangsan') =>
  t.robotSender.textJson({ from, chatId: GROUP, text, responseUrl: robot.newUrl() });
const settleBriefly = () => new Promise((r) => setTimeout(r, 300));
/** The bot's time as WeCom stamps callbacks: older or newer ones are refused as stale. */
const nowTs = () => String(Math.floor(t.clock.now().getTime() / 1000));

describe('GET /wecom/bot/callback (URL verification)', () => {
  it('answers the decrypted echostr, bare, when it arrives URL-encoded', async () => {
    const echostr = encrypt(AES_KEY, '5927363516329547', '');
    expect(echostr).toMatch(/[+/=]/);
    const signature = sign(TOKEN, nowTs(), 'n1', echostr);
    const res = await fetch(`${t.robotCallbackUrl}?msg_signature=${signature}&timestamp=${nowTs()}&nonce=n1&echostr=${encodeURIComponent(echostr)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('5927363516329547');
  });

  it('refuses a bad signature, and an echostr sealed for the app (corp id as receive id)', async () => {
    const echostr = encrypt(AES_KEY, 'x', '');
    const bad = await fetch(`${t.robotCallbackUrl}?msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=n&echostr=${encodeURIComponent(echostr)}`);
    expect(bad.status).toBe(401);
    const forApp = encrypt(AES_KEY, 'x', TEST_WECOM.WECOM_CORP_ID);
    const res = await fetch(`${t.robotCallbackUrl}?msg_signature=${sign(TOKEN, nowTs(), 'n', forApp)}&timestamp=${nowTs()}&nonce=n&echostr=${encodeURIComponent(forApp)}`);
    expect(res.status).toBe(403);
  });
});

describe('POST /wecom/bot/callback', () => {
  it('claims by msgid: three deliveries make one InboundEvent and one reply, with an empty 200', async () => {
    const before = await countEvents();
    const sealed = t.robotSender.seal(groupText('帮助'));
    for (let i = 0; i < 3; i++) {
      const res = await t.robotSender.post(sealed);
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
    }
    expect(await countEvents()).toBe(before + 1);
    const row = await t.bot.db.inboundEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(row.platformKey).toMatch(/^bot:aibotlocal0demo:msg:[0-9a-f]+$/);
    expect(JSON.parse(row.payload)).toMatchObject({ chatType: 'group', chatId: GROUP, senderId: 'zhangsan', text: '帮助' });
    await eventually(() => robot.replies.length >= 1);
    await settleBriefly();
    expect(robot.replies).toHaveLength(1);
    expect(robot.replies[0]!.content).toMatch(/^<@zhangsan> 张三，您好/);
    expect(api.sends()).toEqual([]); // no card in a group
    expect(t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', surface: 'robot', result: 'duplicate' })).toBeGreaterThanOrEqual(2);
  });

  it('in the robot\'s single chat answers once through the response_url, without a mention or a card', async () => {
    await t.robotSender.sendText({ from: 'zhangsan', text: '帮助', responseUrl: robot.newUrl() });
    await eventually(() => robot.replies.length >= 1);
    await settleBriefly();
    expect(robot.replies).toHaveLength(1);
    expect(robot.replies[0]!.content).toMatch(/^张三，您好/);
    expect(api.sends()).toEqual([]);
    const row = await t.bot.db.outbox.findFirstOrThrow({ where: { kind: 'robot_reply' }, orderBy: { id: 'desc' } });
    expect(row.recipient).toBe('robot:zhangsan');
  });

  it('stores enter_chat as a platform event that needs no answer', async () => {
    const before = await countEvents();
    const event = { msgid: 'evt-enter-1', aibotid: 'aibot1', create_time: 1700000000, chattype: 'single', from: { userid: 'zhangsan' }, msgtype: 'event', event: { eventtype: 'enter_chat' } };
    expect((await t.robotSender.post(t.robotSender.seal(event))).status).toBe(200);
    expect(await countEvents()).toBe(before + 1);
    await eventually(async () => (await t.bot.db.inboundEvent.findFirst({ where: { platformKey: 'bot:aibot1:msg:evt-enter-1', status: 'done' } })) !== null);
    expect(robot.replies).toEqual([]);
  });

  it('answers stream refreshes and feedback events with an empty 200 and stores nothing', async () => {
    const before = await countEvents();
    const refresh = { msgid: 'm-stream', aibotid: 'aibot1', chattype: 'single', from: { userid: 'zhangsan' }, msgtype: 'stream', stream: { id: 's1' } };
    const feedback = { ...refresh, msgid: 'm-fb', msgtype: 'event', event: { eventtype: 'feedback_event', feedback_event: { id: 'f1', type: 1 } } };
    for (const payload of [refresh, feedback]) {
      const res = await t.robotSender.post(t.robotSender.seal(payload));
      expect([res.status, res.body]).toEqual([200, '']);
    }
    expect(await countEvents()).toBe(before);
  });

  it('a used response_url is final: the answer row goes dead, not retried', async () => {
    const payload = groupText('我的信息');
    await httpPost(String(payload.response_url), JSON.stringify({ msgtype: 'markdown', markdown: { content: 'first' } }));
    await t.robotSender.post(t.robotSender.seal(payload));
    const dead = await eventually(() => t.bot.db.outbox.findFirst({ where: { kind: 'robot_reply', status: 'dead' } }));
    expect(dead).toMatchObject({ attempts: 1, recipient: `chat:${GROUP}` });
    expect(robot.reused).toHaveLength(1);
  });

  describe('refuses bad requests with 4xx and stores nothing', () => {
    const valid = () => t.robotSender.seal(groupText('帮助'));
    const withBody = (body: string) => ({ ...valid(), body });
    const cases: [string, () => { query: string; body: string }, number][] = [
      ['a bad signature', () => ({ ...valid(), query: valid().query.replace(/msg_signature=\w+/, `msg_signature=${'a'.repeat(40)}`) }), 401],
      ['a message sealed with the corp id as receive id', () => sealedFor(JSON.stringify(groupText('x')), TEST_WECOM.WECOM_CORP_ID), 403],
      ['an undecryptable (truncated) ciphertext', () => truncated(valid()), 400],
      ['a body that is not JSON', () => withBody('<xml><Encrypt>abc</Encrypt></xml>'), 400],
      ['JSON without "encrypt"', () => withBody('{"Encrypt":"abc"}'), 400],
      ['an empty body', () => withBody(''), 400],
      ['decrypted text that is not JSON', () => sealedFor('<xml><MsgType>text</MsgType></xml>'), 400],
      ['decrypted JSON without a sender', () => sealedFor(JSON.stringify({ msgid: 'x', aibotid: 'b', msgtype: 'text', text: { content: 'hi' } })), 400],
      ['a group message without chatid', () => sealedFor(JSON.stringify({ ...groupText('x'), chatid: undefined })), 400],
      ['a body over 64 KiB', () => withBody(JSON.stringify({ encrypt: 'A'.repeat(CALLBACK_BODY_LIMIT) })), 413],
    ];
    for (const [name, build, status] of cases) {
      it(name, async () => {
        const before = await countEvents();
        const res = await t.robotSender.post(build());
        expect(res.status).toBe(status);
        expect(await countEvents()).toBe(before);
      });
    }

    it('missing query parameters', async () => {
      expect((await httpPost(t.robotCallbackUrl, valid().body)).status).toBe(400);
    });

    it('counts refusals under the robot surface and keeps serving', async () => {
      expect(t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', surface: 'robot', result: 'bad_signature' })).toBeGreaterThanOrEqual(1);
      expect(t.bot.metrics.read('bot_callbacks_total', { channel: 'wecom', surface: 'robot', result: 'malformed' })).toBeGreaterThanOrEqual(1);
      expect((await t.robotSender.post(valid())).status).toBe(200);
    });
  });
});

/** Encrypts and signs any plaintext with the robot's keys (receive id '' unless told). */
function sealedFor(plain: string, receiveId = '') {
  const encrypted = encrypt(AES_KEY, plain, receiveId);
  const query = new URLSearchParams({ msg_signature: sign(TOKEN, nowTs(), 'n2', encrypted), timestamp: nowTs(), nonce: 'n2' });
  return { query: query.toString(), body: JSON.stringify({ encrypt: encrypted }) };
}

function truncated(sealed: { query: string; body: string }) {
  const encrypted = (JSON.parse(sealed.body) as { encrypt: string }).encrypt.slice(0, 40);
  const params = new URLSearchParams(sealed.query);
  params.set('msg_signature', sign(TOKEN, params.get('timestamp')!, params.get('nonce')!, encrypted));
  return { query: params.toString(), body: JSON.stringify({ encrypt: encrypted }) };
}
