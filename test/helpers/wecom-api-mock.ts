// nock stand-in for the WeCom server API that records what the bot sent and can be told to
// answer the next calls with chosen errcodes (42001, 45009, 81013 …).
import nock from 'nock';
import { mediaPart } from '../../src/simulator/fake-media.ts';

export const WECOM_API = 'https://qyapi.weixin.qq.com';

export interface RecordedCall {
  path: string;
  token: string;
  body: Record<string, any>;
}

export interface WecomApiMock {
  calls: RecordedCall[];
  tokensIssued: number;
  /** Bodies sent to message/send. */
  sends(): Record<string, any>[];
  /** The next calls to `path` answer these errcodes, one each, before normal answers resume. */
  failNext(path: string, ...errcodes: number[]): void;
  /** Invalidate every token issued so far (the next call answers 42001). */
  expireTokens(): void;
}

export function mockWecomApi(): WecomApiMock {
  const scripted = new Map<string, number[]>();
  const validTokens = new Set<string>();
  const mock: WecomApiMock = {
    calls: [],
    tokensIssued: 0,
    sends: () => mock.calls.filter((c) => c.path === '/cgi-bin/message/send').map((c) => c.body),
    failNext: (path, ...codes) => scripted.set(path, [...(scripted.get(path) ?? []), ...codes]),
    expireTokens: () => validTokens.clear(),
  };
  nock(WECOM_API)
    .persist()
    .get('/cgi-bin/gettoken')
    .query(true)
    .reply(() => {
      const token = `tok${++mock.tokensIssued}`;
      validTokens.add(token);
      return [200, { errcode: 0, errmsg: 'ok', access_token: token, expires_in: 7200 }];
    });
  nock(WECOM_API)
    .persist()
    .post(/\/cgi-bin\/.*/)
    .query(true)
    .reply(async (req: Request) => {
      const url = new URL(req.url);
      const token = url.searchParams.get('access_token') ?? '';
      if (!validTokens.has(token)) return [200, { errcode: 42001, errmsg: 'access_token expired' }];
      if (url.pathname === '/cgi-bin/media/upload') return upload(mock, token, url, req);
      const body = (await req.json()) as Record<string, any>;
      const queue = scripted.get(url.pathname);
      const errcode = queue?.shift();
      if (errcode !== undefined) return [200, { errcode, errmsg: `scripted ${errcode}` }];
      mock.calls.push({ path: url.pathname, token, body });
      return [200, { errcode: 0, errmsg: 'ok', msgid: `msg${mock.calls.length}`, response_code: `rc${mock.calls.length}`, chatid: body.chatid }];
    });
  return mock;
}

/** media/upload (multipart): recorded with the file's name and bytes; answers a media_id. */
async function upload(mock: WecomApiMock, token: string, url: URL, req: Request): Promise<[number, Record<string, unknown>]> {
  const part = mediaPart(req.headers.get('content-type') ?? '', Buffer.from(await req.arrayBuffer()));
  if (!part) return [200, { errcode: 41004, errmsg: 'media data missing' }];
  const mediaId = `media${mock.calls.length + 1}`;
  mock.calls.push({ path: url.pathname, token, body: { type: url.searchParams.get('type'), fileName: part.fileName, bytes: part.bytes, mediaId } });
  // No created_at: the client then dates the upload by its own (the test's) clock.
  return [200, { errcode: 0, errmsg: '', type: 'file', media_id: mediaId }];
}
