// A small POST over node:http(s). The simulator and the benchmark use it to deliver callbacks:
// it needs no fetch machinery, so it behaves the same under test interceptors.
import http from 'node:http';
import https from 'node:https';

export interface PostAnswer {
  status: number;
  body: string;
}

export function httpPost(url: string, body: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<PostAnswer> {
  const target = new URL(url);
  const transport = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      { method: 'POST', agent, headers: { 'content-length': Buffer.byteLength(body), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}
