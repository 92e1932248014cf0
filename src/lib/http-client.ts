// Small HTTP(S) requests over node:http, used for every outbound call (the WeCom API, the
// simulator's callbacks, the benchmark). One code path, a hard timeout, and it behaves the
// same under test interceptors (nock), which cannot pass fetch bodies through to loopback.
import http from 'node:http';
import https from 'node:https';

export interface HttpAnswer {
  status: number;
  body: string;
}

export interface HttpRequestOptions {
  method?: 'GET' | 'POST' | 'PUT';
  /** Text, or bytes (a multipart upload). */
  body?: string | Buffer;
  headers?: Record<string, string>;
  timeoutMs?: number;
  agent?: http.Agent;
}

/**
 * A request that failed without an answer. `requestSent` tells whether the whole request had
 * been handed to the network before it failed: if not (connection refused, DNS, a reset while
 * still writing), the server cannot have acted on it; if so (a timeout waiting for the answer,
 * a reset afterwards), it may have.
 */
export class HttpRequestError extends Error {
  constructor(
    message: string,
    readonly requestSent: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpRequestError';
  }
}

export function httpRequest(url: string, options: HttpRequestOptions = {}): Promise<HttpAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  const headers = { ...options.headers };
  if (options.body !== undefined) headers['content-length'] = String(Buffer.byteLength(options.body));
  return new Promise((resolve, reject) => {
    let sent = false;
    const fail = (err: Error) => reject(new HttpRequestError(err.message, sent, (err as NodeJS.ErrnoException).code));
    const req = transport.request(target, { method: options.method ?? 'GET', agent: options.agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new Error('request timed out')));
    req.on('finish', () => {
      sent = true;
    });
    req.on('error', fail);
    req.end(options.body);
  });
}

export function httpPost(url: string, body: string, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  return httpRequest(url, { method: 'POST', body, headers });
}
