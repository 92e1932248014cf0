// The DingTalk outbound client (platforms.md §7): robot one-to-one texts (oToMessages/
// batchSend, ≤ 20 userIds a call — the Outbound splits longer lists by DINGTALK_TRAITS), group
// texts (groupMessages/send), files (media/upload, then a sampleFile message), interactive cards (card/instances/createAndDeliver, STREAM
// callbacks) and their updates (PUT card/instances).
//
// Exactly once: a card's outTrackId is derived from the outbox row's key and creation time
// (the same on every try, unique per row), so a repeated createAndDeliver after a lost answer
// is refused by DingTalk as a used outTrackId and counted as delivered (RepeatGuard 'unique').
// A card update is a PUT of the same values: repeating it is harmless. Robot texts have no
// documented duplicate check, so an unknown outcome is never repeated ('none': the outbox
// marks the row uncertain for staff, as it does for WeCom group texts).
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { DingtalkConfig } from '../../config.ts';
import type { Clock } from '../../lib/clock.ts';
import { multipartFile } from '../../lib/multipart.ts';
import { PlatformError, type NeutralCard, type OutboundMessage, type PlatformClient, type RepeatGuard, type SendOptions, type SendReceipt, type UploadedMedia } from '../types.ts';
import { cardParams, settledParams, templateKindOf } from './cards.ts';
import { DINGTALK_REQUEST_TIMEOUT_MS, dingtalkRequest, oapiCall, type DingtalkAnswer } from './http.ts';
import { DingtalkToken } from './token.ts';
import { DINGTALK_TRAITS } from './traits.ts';

/** An ordinary file DingTalk's media upload takes: at most 20 MB. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** How long the bot counts on an uploaded file (DingTalk sets no limit): a register asked for is old news after a month. */
const MEDIA_KEPT_MS = 30 * 86_400_000;

export interface DingtalkClientOptions {
  timeoutMs?: number;
}

export class DingtalkClient implements PlatformClient {
  readonly channel = 'dingtalk' as const;
  readonly traits = DINGTALK_TRAITS;
  private readonly token: DingtalkToken;
  private readonly timeoutMs: number;

  constructor(
    private readonly app: DingtalkConfig,
    private readonly clock: Clock,
    options: DingtalkClientOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DINGTALK_REQUEST_TIMEOUT_MS;
    this.token = new DingtalkToken(app, clock, this.timeoutMs);
  }

  repeatGuard(message: OutboundMessage): RepeatGuard {
    return message.kind === 'card' || message.kind === 'card_update' || message.kind === 'card_settle' ? { kind: 'unique' } : { kind: 'none' };
  }

  async send(message: OutboundMessage, options?: SendOptions): Promise<SendReceipt> {
    try {
      return await this.dispatch(message, options);
    } catch (err) {
      // A repeat of a createAndDeliver whose answer was lost, refused for its used outTrackId
      // (the card API's 400 codes include a duplicate-key refusal; its exact name is not
      // confirmed in what we could read — apifox mirror of the card docs — so it is matched loosely).
      if (options?.maybeDelivered && message.kind === 'card' && err instanceof PlatformError && !err.outcomeUnknown && /outTrackId|exist|duplicat/i.test(err.message)) {
        return { alreadyDelivered: true };
      }
      throw err;
    }
  }

  private async dispatch(message: OutboundMessage, options?: SendOptions): Promise<SendReceipt> {
    switch (message.kind) {
      case 'text':
        return this.batchSend(message.toUsers, 'sampleText', { content: message.text });
      case 'markdown':
        return this.batchSend(message.toUsers, 'sampleMarkdown', { title: firstLine(message.markdown), text: message.markdown });
      case 'card':
        return this.deliverCard(message.toUsers, message.card, options);
      case 'card_update':
        return this.updateCard(message.handle, cardParams(message.card));
      case 'card_settle':
        return this.updateCard(message.handle, settledParams(message.text));
      case 'chat_text':
        await this.call('POST', '/v1.0/robot/groupMessages/send', {
          robotCode: this.app.robotCode, openConversationId: message.chatId, msgKey: 'sampleText', msgParam: JSON.stringify({ content: message.text }),
        });
        return {};
      case 'file':
        return this.batchSend(message.toUsers, 'sampleFile', { mediaId: message.mediaId, fileName: message.fileName, fileType: fileTypeOf(message.fileName) });
      case 'chat_create':
      case 'robot_reply':
        throw new PlatformError('dingtalk', -1, `${message.kind} is not available on DingTalk: link an existing group (dingtalk:<openConversationId>)`, true);
    }
  }

  /**
   * Uploads a file for a 'file' message (the old API's 上传媒体文件: POST oapi media/upload?type=file,
   * multipart/form-data with the file in the part named "media"; answers media_id). DingTalk keeps
   * media files without a time limit while the organisation exists (its help centre); the bot
   * still gives the id a horizon, MEDIA_KEPT_MS, after which an unsent row is not tried.
   */
  async uploadFile(file: { path: string; name: string }): Promise<UploadedMedia> {
    const bytes = await readFile(file.path);
    if (bytes.length === 0 || bytes.length > MAX_FILE_BYTES) throw new PlatformError('dingtalk', -1, `file of ${bytes.length} bytes: DingTalk takes files of 1 byte to 20 MB`, true);
    const { body, contentType } = multipartFile('media', file.name, bytes);
    const answer = await oapiCall(`${this.app.oapiBase}/media/upload?type=file`, { body, contentType }, this.token, this.timeoutMs);
    const mediaId = String(answer.media_id ?? '');
    if (!mediaId) throw new PlatformError('dingtalk', -1, 'media/upload answered without media_id', false);
    return { mediaId, expiresAt: new Date(this.clock.now().getTime() + MEDIA_KEPT_MS) };
  }

  /** Robot one-to-one texts; `msgParam` is a JSON string (platforms.md §7.2). */
  private async batchSend(users: string[], msgKey: string, param: Record<string, string>): Promise<SendReceipt> {
    if (users.length > this.traits.maxRecipients) throw new PlatformError('dingtalk', -1, `batchSend takes at most ${this.traits.maxRecipients} users`, true);
    const answer = await this.call('POST', '/v1.0/robot/oToMessages/batchSend', { robotCode: this.app.robotCode, userIds: users, msgKey, msgParam: JSON.stringify(param) });
    const invalid = stringList(answer.invalidStaffIdList);
    const throttled = stringList(answer.flowControlledStaffIdList);
    // Everyone throttled: nothing went out, so the whole call may be tried again later.
    if (throttled.length && throttled.length + invalid.length >= users.length && invalid.length < users.length) {
      throw new PlatformError('dingtalk', 403, 'batchSend: every recipient was flow-controlled', false, 60_000);
    }
    const refused = [...invalid, ...throttled];
    return { messageId: typeof answer.processQueryKey === 'string' ? answer.processQueryKey : undefined, ...(refused.length ? { invalidUsers: refused } : {}) };
  }

  private async deliverCard(users: string[], card: NeutralCard, options?: SendOptions): Promise<SendReceipt> {
    if (users.length !== 1) throw new PlatformError('dingtalk', -1, 'a DingTalk card goes to one person a call', true);
    const outTrackId = options ? dingtalkOutTrackId(options.key, options.createdAt) : `card-${card.taskId}`.slice(0, 64);
    const kind = templateKindOf(card);
    const answer = await this.call('POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: kind === 'approval' ? this.app.cardTemplates.approval : this.app.cardTemplates.notice,
      outTrackId,
      cardData: { cardParamMap: cardParams(card) },
      callbackType: 'STREAM',
      openSpaceId: `dtv1.card//IM_ROBOT.${users[0]}`,
      userIdType: 1,
      imRobotOpenSpaceModel: { supportForward: false },
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.app.robotCode },
    });
    checkDeliveries(answer);
    return { messageId: outTrackId, cardHandle: outTrackId };
  }

  private async updateCard(outTrackId: string, params: Record<string, string>): Promise<SendReceipt> {
    await this.call('PUT', '/v1.0/card/instances', { outTrackId, cardData: { cardParamMap: params }, cardUpdateOptions: { updateCardDataByKey: true } });
    return {};
  }

  /** One API call; a refused token (401) is fetched again once and the call repeated. */
  private async call(method: 'POST' | 'PUT', path: string, body: unknown): Promise<DingtalkAnswer> {
    const url = `${this.app.apiBase}${path}`;
    try {
      return await dingtalkRequest(url, method, body, await this.token.get(), this.timeoutMs);
    } catch (err) {
      if (!(err instanceof PlatformError) || err.code !== 401) throw err;
      this.token.drop();
      return dingtalkRequest(url, method, body, await this.token.get(), this.timeoutMs);
    }
  }
}

/**
 * HTTP 200 can hide a failed delivery: createAndDeliver answers result.deliverResults[] with
 * success/errorMsg per space (platforms.md §7.3). A card has one space: its failure is final
 * (the user is not reachable by the robot; repeating the same outTrackId cannot help).
 */
function checkDeliveries(answer: DingtalkAnswer): void {
  const result = (answer.result ?? {}) as { deliverResults?: { success?: boolean; errorMsg?: string; spaceId?: string }[] };
  const failed = (result.deliverResults ?? []).filter((d) => d.success !== true);
  if (failed.length) throw new PlatformError('dingtalk', 200, `card not delivered: ${failed.map((d) => d.errorMsg ?? 'no reason given').join('; ')}`, true);
}

/**
 * A card's outTrackId: unique per outbox row (key and creation time, so a reinstalled bot whose
 * keys start again never meets an old one), the same on every try of the row.
 */
export function dingtalkOutTrackId(key: string, createdAt: Date): string {
  return `dlb-${createHash('sha256').update(`${key}\n${createdAt.toISOString()}`).digest('base64url').slice(0, 32)}`;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** sampleFile's fileType: the name's extension (xlsx, csv…). */
function fileTypeOf(fileName: string): string {
  return /\.([A-Za-z0-9]{1,8})$/.exec(fileName)?.[1]?.toLowerCase() ?? 'file';
}

function firstLine(markdown: string): string {
  return (markdown.split('\n')[0] ?? '').replace(/^#+\s*/, '').slice(0, 30) || '通知';
}
