// Talks to the bot through real encrypted callbacks and reads what it sent back through the
// (nock) WeCom API, with the workers driven by hand so every step is deterministic. Private
// chat goes through the app's callback; group chat through the robot's, answered through
// the message's response_url.
import type { TestBot } from './bot.ts';
import type { RobotResponseMock } from './robot-response-mock.ts';
import type { WecomApiMock } from './wecom-api-mock.ts';

export interface SentMessage {
  to: string[];
  msgtype: string;
  text?: string;
  card?: Record<string, any>;
  responseCode: string;
}

export class ChatHarness {
  private seen = 0;
  private robotSeen = 0;

  constructor(
    readonly t: TestBot,
    readonly api: WecomApiMock,
    readonly robot?: RobotResponseMock,
  ) {}

  /** Everything sent through message/send so far. */
  all(): SentMessage[] {
    return this.api.calls
      .map((c, i) => ({ call: c, i }))
      .filter(({ call }) => call.path === '/cgi-bin/message/send')
      .map(({ call, i }) => ({
        to: String(call.body.touser).split('|'),
        msgtype: call.body.msgtype,
        text: call.body.text?.content,
        card: call.body.template_card,
        responseCode: `rc${i + 1}`,
      }));
  }

  /** Sends a text as `user` and returns the texts the bot sent to that user in answer. */
  async say(user: string, text: string): Promise<string> {
    const res = await this.t.sender.sendText(user, text);
    if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
    return this.answersTo(user);
  }

  /**
   * @-mentions the robot as `user` in the group `chatId` and returns what the group got: the
   * markdown of the robot answers since the last call, joined by blank lines.
   */
  async sayInGroup(user: string, chatId: string, text: string): Promise<string> {
    const responseUrl = this.robot!.newUrl();
    const res = await this.t.robotSender.sendText({ from: user, chatId, text, responseUrl });
    if (res.status !== 200) throw new Error(`robot callback answered ${res.status}`);
    await this.settle();
    return this.groupAnswers();
  }

  /** Robot answers (markdown content) posted to response_urls since the last call. */
  groupAnswers(): string {
    const fresh = this.robot!.replies.slice(this.robotSeen);
    this.robotSeen += fresh.length;
    return fresh.map((r) => r.content).join('\n\n');
  }

  /** New texts the app sent privately to `user` since the last look (e.g. after sayInGroup). */
  privateAnswersTo(user: string): Promise<string> {
    return this.answersTo(user);
  }

  /** Clicks a card button as `user`. */
  async click(user: string, key: string, taskId: string, responseCode = `click-${Math.random()}`): Promise<string> {
    const res = await this.t.sender.clickCard(user, { eventKey: key, taskId, responseCode });
    if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
    return this.answersTo(user);
  }

  /** Runs the workers (inbound, register files, outbox) until nothing is left to do. */
  async settle(): Promise<void> {
    const workers = this.t.bot.workers!;
    for (let i = 0; i < 50; i++) {
      const handled = (await workers.inbound.runOnce()) + (await workers.exports.runOnce()) + (await workers.outbox.runOnce());
      if (handled === 0) return;
    }
    throw new Error('workers did not settle');
  }

  /** New texts to `user` since the last call, joined by blank lines. */
  private async answersTo(user: string): Promise<string> {
    await this.settle();
    const fresh = this.all().slice(this.seen);
    this.seen += fresh.length;
    return fresh.filter((m) => m.to.includes(user) && m.text).map((m) => m.text).join('\n\n');
  }

  /** Cards sent so far to a user. */
  cardsTo(user: string): SentMessage[] {
    return this.all().filter((m) => m.to.includes(user) && m.card);
  }

  /** Calls to update_template_card so far. */
  cardUpdates(): Record<string, any>[] {
    return this.api.calls.filter((c) => c.path === '/cgi-bin/message/update_template_card').map((c) => c.body);
  }
}
