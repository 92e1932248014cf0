// Plays WeCom's side of an intelligent-robot callback: builds the JSON WeCom would send for
// a message that @-mentions the robot, encrypts it with the robot's keys (empty receive id),
// signs it and POSTs `{"encrypt": …}` to the bot. Used by the simulator page and the tests.
// Timestamps come from a clock that can be the bot's, which refuses stale callbacks.
import { randomBytes } from 'node:crypto';
import type { WecomBotConfig } from '../config.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import { httpPost, type HttpAnswer } from '../lib/http-client.ts';
import { ROBOT_RECEIVE_ID } from '../platforms/wecom/bot-receiver.ts';
import { encrypt, sign } from '../platforms/wecom/crypto.ts';
import type { SignedCallback } from './callback-sender.ts';

/** The robot's display name in the simulated corp, as members see it when they @ it. */
export const ROBOT_NAME = '人大代表履职助手';
export const SIM_AIBOT_ID = 'aibotlocal0demo';

export interface RobotText {
  from: string;
  /** The group; absent for the robot's single chat. */
  chatId?: string;
  /** What the member typed after the mention. */
  text: string;
  responseUrl: string;
  msgId?: string;
}

export class WecomRobotCallbackSender {
  constructor(
    private readonly robot: WecomBotConfig,
    /** The bot's robot callback URL; set once the bot is listening. */
    public callbackUrl = '',
    /** WeCom's time, which stamps each callback. */
    public clock: Clock = systemClock,
    private readonly aibotId = SIM_AIBOT_ID,
  ) {}

  /** The decrypted callback for a text message; in a group it keeps the mention, as WeCom's does. */
  textJson(message: RobotText): Record<string, unknown> {
    return {
      msgid: message.msgId ?? randomBytes(16).toString('hex'),
      aibotid: this.aibotId,
      ...(message.chatId ? { chatid: message.chatId } : {}),
      chattype: message.chatId ? 'group' : 'single',
      from: { userid: message.from },
      response_url: message.responseUrl,
      msgtype: 'text',
      text: { content: message.chatId ? `@${ROBOT_NAME} ${message.text}` : message.text },
    };
  }

  /** Encrypts and signs a callback body the way WeCom does for its robots. */
  seal(payload: Record<string, unknown> | string, timestamp = this.nowSeconds()): SignedCallback {
    const nonce = randomBytes(6).toString('hex');
    const plain = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const encrypted = encrypt(this.robot.aesKey, plain, ROBOT_RECEIVE_ID);
    const signature = sign(this.robot.token, timestamp, nonce, encrypted);
    const query = new URLSearchParams({ msg_signature: signature, timestamp, nonce }).toString();
    return { query, body: JSON.stringify({ encrypt: encrypted }) };
  }

  post(callback: SignedCallback): Promise<HttpAnswer> {
    return httpPost(`${this.callbackUrl}?${callback.query}`, callback.body, { 'content-type': 'application/json' });
  }

  sendText(message: RobotText): Promise<HttpAnswer> {
    return this.post(this.seal(this.textJson(message)));
  }

  /** The signed query of a URL verification (GET) for the robot's callback (empty receive id). */
  verificationQuery(echo: string, timestamp = this.nowSeconds()): string {
    const echostr = encrypt(this.robot.aesKey, echo, ROBOT_RECEIVE_ID);
    const nonce = randomBytes(6).toString('hex');
    const signature = sign(this.robot.token, timestamp, nonce, echostr);
    return new URLSearchParams({ msg_signature: signature, timestamp, nonce, echostr }).toString();
  }

  private nowSeconds(): string {
    return String(Math.floor(this.clock.now().getTime() / 1000));
  }
}
