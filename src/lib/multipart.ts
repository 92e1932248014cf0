// A multipart/form-data body with one file part, as the platforms' media uploads take it
// (WeCom's and DingTalk's media/upload: the file in a part named "media").
import { randomBytes } from 'node:crypto';

export function multipartFile(field: string, fileName: string, bytes: Buffer): { body: Buffer; contentType: string } {
  const boundary = `----deputybot${randomBytes(12).toString('hex')}`;
  // The filename is sent as UTF-8 (RFC 7578 §4.2), quotes and line breaks taken out.
  const safeName = fileName.replace(/["\r\n\\]/g, '_');
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${safeName}"; filelength=${bytes.length}\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const body = Buffer.concat([Buffer.from(head, 'utf8'), bytes, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}
