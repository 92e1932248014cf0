// nock stand-in for the intelligent robot's response_url (POST /cgi-bin/aibot/response on
// the real API host): records each answer and, like WeCom, accepts each code once. Register it
// BEFORE mockWecomApi(): nock uses the first matching interceptor, and that one's catch-all
// would refuse the tokenless call.
import { randomBytes } from 'node:crypto';
import nock from 'nock';
import { WECOM_API } from './wecom-api-mock.ts';

export interface RobotReply {
  responseCode: string;
  body: Record<string, any>;
  /** markdown.content */
  content: string;
}

export interface RobotResponseMock {
  replies: RobotReply[];
  /** Calls refused because their code had been used already. */
  reused: string[];
  /** A fresh response_url, as WeCom puts into each robot callback. */
  newUrl(): string;
}

export function mockRobotResponses(): RobotResponseMock {
  const used = new Set<string>();
  const mock: RobotResponseMock = {
    replies: [],
    reused: [],
    newUrl: () => `${WECOM_API}/cgi-bin/aibot/response?response_code=${randomBytes(12).toString('hex')}`,
  };
  nock(WECOM_API)
    .persist()
    .post('/cgi-bin/aibot/response')
    .query(true)
    .reply(async (req: Request) => {
      const code = new URL(req.url).searchParams.get('response_code') ?? '';
      if (used.has(code)) {
        mock.reused.push(code);
        return [200, { errcode: 42022, errmsg: 'response_code has been used' }];
      }
      used.add(code);
      const body = (await req.json()) as Record<string, any>;
      mock.replies.push({ responseCode: code, body, content: String(body.markdown?.content ?? '') });
      return [200, { errcode: 0, errmsg: 'ok' }];
    });
  return mock;
}
