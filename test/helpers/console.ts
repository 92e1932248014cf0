// Signing in to the console through local mode's picker, as a browser would: the session
// cookie, the page's CSRF token, and the flash sentence an action leaves on the next page.
import { expect } from 'vitest';
import type { TestBot } from './bot.ts';

export interface ConsoleBrowser {
  go(path: string, init?: RequestInit): Promise<Response>;
  /** Posts a form with the CSRF token; follows the redirect and returns the flash sentence. */
  post(path: string, fields: Record<string, string>): Promise<string>;
  csrf: string;
}

export async function consoleSignIn(t: TestBot, userId: string): Promise<ConsoleBrowser> {
  const cookies = new Map<string, string>();
  const go = async (path: string, init: RequestInit = {}) => {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(`${t.bot.url}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie } });
    for (const line of res.headers.getSetCookie()) {
      const [name, ...value] = line.split(';')[0]!.split('=');
      cookies.set(name!, value.join('='));
    }
    return res;
  };
  const picker = await (await go('/console/login')).text();
  const loginToken = /name="_csrf" value="([0-9a-f]+)"/.exec(picker)![1]!;
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  expect((await go('/console/login', { method: 'POST', headers: form, body: `_csrf=${loginToken}&userId=${userId}` })).status).toBe(302);
  const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await (await go('/console')).text())![1]!;
  const post = async (path: string, fields: Record<string, string>) => {
    const res = await go(path, { method: 'POST', headers: form, body: new URLSearchParams({ _csrf: csrf, ...fields }).toString() });
    expect(res.status, `POST ${path}`).toBe(302);
    const page = await (await go(res.headers.get('location')!)).text();
    return unescape(/<p class="flash" role="status">([^<]*)<\/p>/.exec(page)?.[1] ?? '');
  };
  return { go, post, csrf };
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
