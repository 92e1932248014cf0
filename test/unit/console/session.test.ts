import { describe, expect, it } from 'vitest';
import { html, trusted } from '../../../src/console/html.ts';
import { parseMultipart } from '../../../src/console/forms.ts';
import { SESSION_TTL_MS, SessionSigner } from '../../../src/console/session.ts';

const SECRET = 'unit-console-secret-0123456789abcdefghijkl';
const as = (userId: string) => ({ userId, channel: 'wecom' as const, orgId: 1, orgCode: 'demo' });

describe('console session cookie', () => {
  it('reads back what it issued until it expires', () => {
    let now = Date.parse('2026-11-23T02:00:00Z');
    const signer = new SessionSigner(SECRET, () => now);
    const { cookie } = signer.issue(as('hejing'));
    expect(signer.read(cookie)?.userId).toBe('hejing');
    now += SESSION_TTL_MS + 1;
    expect(signer.read(cookie)).toBeUndefined();
  });

  it('refuses a cookie changed by hand or signed with another secret', () => {
    const signer = new SessionSigner(SECRET, () => 0);
    const { cookie } = signer.issue(as('zhangsan'));
    const [body, mac] = cookie.split('.');
    const forged = Buffer.from(JSON.stringify({ userId: 'hejing', sid: 'x', exp: 1e15 })).toString('base64url');
    expect(signer.read(`${forged}.${mac}`)).toBeUndefined();
    expect(new SessionSigner(`${SECRET}x`, () => 0).read(cookie)).toBeUndefined();
    expect(signer.read(`${body}.`)).toBeUndefined();
  });

  it('a session names the organisation and platform signed in through, and one without them is refused', () => {
    const signer = new SessionSigner(SECRET, () => 0);
    const { cookie } = signer.issue({ userId: 'dt-hejing', channel: 'dingtalk', orgId: 7, orgCode: 'north' });
    expect(signer.read(cookie)).toMatchObject({ userId: 'dt-hejing', channel: 'dingtalk', orgId: 7, orgCode: 'north' });
    // A cookie from before sessions named an organisation (signed with the same secret) starts over.
    const old = (signer as unknown as { seal(v: object): string }).seal({ userId: 'hejing', sid: 'x', exp: 1e15 });
    expect(signer.read(old)).toBeUndefined();
  });

  it('a CSRF token belongs to one session', () => {
    const signer = new SessionSigner(SECRET);
    const a = signer.issue(as('a')).session;
    const b = signer.issue(as('a')).session;
    expect(signer.checkToken('csrf', a.sid, signer.token('csrf', a.sid))).toBe(true);
    expect(signer.checkToken('csrf', a.sid, signer.token('csrf', b.sid))).toBe(false);
    expect(signer.checkToken('csrf', a.sid, undefined)).toBe(false);
  });
});

describe('console html', () => {
  it('escapes every interpolated value, and only trusted markup passes', () => {
    const name = '<script>alert("x")</script>&\'';
    expect(html`<p>${name}</p>`.text).toBe('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;</p>');
    expect(html`<p>${[html`<b>${'<i>'}</b>`, trusted('<br>')]}</p>`.text).toBe('<p><b>&lt;i&gt;</b><br></p>');
  });
});

describe('console multipart', () => {
  it('reads the fields and the one file a browser form sends', () => {
    const body = Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="名册.csv"\r\nContent-Type: text/csv\r\n\r\n姓名,手机号\r\n--XyZ--\r\n');
    const { fields, file } = parseMultipart(body, 'multipart/form-data; boundary=XyZ');
    expect(fields._csrf).toBe('abc');
    expect(file?.name).toBe('名册.csv');
    expect(Buffer.from(file!.bytes).toString('utf8')).toBe('姓名,手机号');
  });
});
