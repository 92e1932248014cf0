// Reads the request body as bytes, refusing more than `limit` (413) without buffering it all.
// Signature checks need the exact bytes, so no body parser runs before this.
import type { IncomingMessage } from 'node:http';
import { rejectRequest } from '../lib/errors.ts';

export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume(); // discard the body so the answer can still be written
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      reject(tooLarge(limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size));
    req.on('data', onData);
    req.on('end', onEnd);
    req.once('error', reject);
  });
}

function tooLarge(limit: number) {
  return rejectRequest('body_too_large', 413, `request body exceeds ${limit} bytes`);
}
