// Plays the WeCom server's side of a callback: builds the XML WeCom would send, encrypts and
// signs it with the app's real keys, and POSTs it to the bot. Used by the simulator page,
// the tests and the benchmark, so all three exercise the real receiver. Its timestamps come
// from a clock that can be the bot's (a test's fixed clock, local mode's): the bot refuses
// callbacks stamped too far from its own time.
import { randomBytes } from 'node:crypto';
import type { WecomAppConfig } from '../config.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { httpPost, type HttpAnswer } from '../lib/http-client.ts';
import { encrypt, sign } from '../platforms/wecom/crypto.ts';
import { buildXml } from '../platforms/wecom/xml.ts';

export interface SignedCallback {
  query: string;
  body: string;
}

let msgSeq = BigInt(Date.now()) * 1000n;

export class WecomCallbackSender {
  constructor(
    private readonly app: Pick<WecomAppConfig, 'corpId' | 'agentId' | 'token' | 'aesKey'>,
    /** The bot's callback URL; set once the bot is listening. */
    public callbackUrl = '',
    /** WeCom's time, which stamps each callback. */
    public clock: Clock = systemClock,
  ) {}

  textXml(from: string, content: string, msgId = nextMsgId(), createTime = this.nowSeconds()): string {
    return buildXml({
      ToUserName: this.app.corpId,
      FromUserName: from,
      CreateTime: createTime,
      MsgType: 'text',
      Content: content,
      MsgId: msgId,
      AgentID: this.app.agentId,
    });
  }

  cardClickXml(
    from: string,
    click: { eventKey: string; taskId: string; responseCode?: string; cardType?: string },
    createTime = this.nowSeconds(),
  ): string {
    return buildXml({
      ToUserName: this.app.corpId,
      FromUserName: from,
      CreateTime: createTime,
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: click.eventKey,
      TaskId: click.taskId,
      CardType: click.cardType ?? 'button_interaction',
      ResponseCode: click.responseCode ?? randomBytes(16).toString('hex'),
      AgentID: this.app.agentId,
    });
  }

  /** Encrypts and signs an inner XML message the way WeCom does. */
  seal(innerXml: string, receiveId = this.app.corpId, timestamp = String(this.nowSeconds())): SignedCallback {
    const nonce = randomBytes(6).toString('hex');
    const encrypted = encrypt(this.app.aesKey, innerXml, receiveId);
    const signature = sign(this.app.token, timestamp, nonce, encrypted);
    const outer = buildXml({ ToUserName: this.app.corpId, AgentID: this.app.agentId, Encrypt: encrypted });
    const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
    return { query, body: outer };
  }

  post(callback: SignedCallback): Promise<HttpAnswer> {
    return httpPost(`${this.callbackUrl}?${callback.query}`, callback.body, { 'content-type': 'text/xml' });
  }

  sendText(from: string, content: string): Promise<HttpAnswer> {
    return this.post(this.seal(this.textXml(from, content)));
  }

  clickCard(from: string, click: Parameters<WecomCallbackSender['cardClickXml']>[1]): Promise<HttpAnswer> {
    return this.post(this.seal(this.cardClickXml(from, click)));
  }

  /** The signed query of a URL verification (GET), as WeCom sends it when the admin saves the URL. */
  verificationQuery(echo: string, timestamp = String(this.nowSeconds())): string {
    const echostr = encrypt(this.app.aesKey, echo, this.app.corpId);
    const nonce = randomBytes(6).toString('hex');
    const signature = sign(this.app.token, timestamp, nonce, echostr);
    return new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr }).toString();
  }

  private nowSeconds(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }
}

export function nextMsgId(): string {
  msgSeq += 1n;
  return msgSeq.toString();
}
