// The fake WeCom API's media: POST /cgi-bin/media/upload?type=file (multipart/form-data, the
// file in the part named "media", its filename the name recipients see; doc 96484) answers a
// media_id valid 3 days, and message/send with msgtype "file" delivers it by that id (40007 for
// an unknown or expired one). The chat page offers delivered files for download.
import { randomBytes } from 'node:crypto';
import type Router from '@koa/router';
import type Koa from 'koa';

/** "media_id 3天内有效" (doc 96484). */
const MEDIA_TTL_MS = 3 * 86_400_000;
const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** The upload body may hold a 20 MB file and the multipart framing around it. */
export const MEDIA_BODY_LIMIT = MAX_FILE_BYTES + 64 * 1024;
export const MEDIA_UPLOAD_PATH = '/cgi-bin/media/upload';

export interface FakeMediaFile {
  mediaId: string;
  name: string;
  bytes: Buffer;
  createdAt: number;
}

export class FakeMedia {
  private readonly files = new Map<string, FakeMediaFile>();

  put(name: string, bytes: Buffer, now: number): FakeMediaFile {
    const file = { mediaId: `fake_${randomBytes(18).toString('base64url')}`, name, bytes, createdAt: now };
    this.files.set(file.mediaId, file);
    return file;
  }

  /** The file whatever its age (what a delivered message shows). */
  peek(mediaId: string): FakeMediaFile | undefined {
    return this.files.get(mediaId);
  }

  /** The file, while WeCom would still have it. */
  get(mediaId: string, now: number): FakeMediaFile | undefined {
    const file = this.files.get(mediaId);
    return file && now - file.createdAt < MEDIA_TTL_MS ? file : undefined;
  }
}

type Answer = (ctx: Koa.Context, errcode: number, errmsg: string) => void;

/** POST /media/upload on the fake's /cgi-bin router; `raw` gives the body's bytes. */
export function mountFakeMediaUpload(router: Router, media: FakeMedia, raw: (ctx: Koa.Context) => Promise<Buffer>, now: () => number, answer: Answer): void {
  router.post('/media/upload', async (ctx) => {
    if (ctx.query.type !== 'file') return answer(ctx, 40004, 'invalid media type (only file is simulated)');
    const part = mediaPart(String(ctx.get('content-type')), await raw(ctx));
    if (!part) return answer(ctx, 41004, 'media data missing');
    if (part.bytes.length <= 5 || part.bytes.length > MAX_FILE_BYTES) return answer(ctx, 40006, 'invalid file size');
    const file = media.put(part.fileName, part.bytes, now());
    ctx.body = { errcode: 0, errmsg: '', type: 'file', media_id: file.mediaId, created_at: String(Math.floor(file.createdAt / 1000)) };
  });
}

/** message/send with msgtype file: the media id must be one the fake holds. */
export function fileRefusal(body: Record<string, any>, media: FakeMedia, now: number): { errcode: number; errmsg: string } | undefined {
  if (body.msgtype !== 'file') return undefined;
  return media.get(String(body.file?.media_id ?? ''), now) ? undefined : { errcode: 40007, errmsg: 'invalid media_id' };
}

/** The part named "media" of a multipart body, with its filename (UTF-8, RFC 7578). */
export function mediaPart(contentType: string, body: Buffer): { fileName: string; bytes: Buffer } | undefined {
  const boundary = /boundary=("?)([^";]+)\1/i.exec(contentType)?.[2];
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) return undefined;
    const part = body.subarray(start + delimiter.length + 2, next - 2); // past CRLF, before CRLF
    const split = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, split).toString('utf8');
    if (split > 0 && /name="media"/.test(headers)) {
      return { fileName: /filename="([^"]*)"/.exec(headers)?.[1] ?? 'file', bytes: part.subarray(split + 4) };
    }
    start = next;
  }
  return undefined;
}

/**
 * GET /sim/api/files/:mediaId?userId=…: the chat page's download of a file delivered to that
 * member (only to them: a file may hold a register with visitors' names, rule R6).
 */
export function mountFileDownload(router: Router, files: { media: FakeMedia; visibleTo(user: string): { kind: string; file?: { mediaId: string } }[] }): void {
  router.get('/sim/api/files/:mediaId', (ctx) => {
    const userId = String(ctx.query.userId ?? '');
    const mediaId = ctx.params.mediaId!;
    const delivered = userId && files.visibleTo(userId).some((m) => m.kind === 'file' && m.file?.mediaId === mediaId);
    const file = delivered ? files.media.peek(mediaId) : undefined;
    if (!file) {
      ctx.status = 404;
      ctx.body = 'no such file in this chat';
      return;
    }
    ctx.set('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
    ctx.type = file.name.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream';
    ctx.body = file.bytes;
  });
}
