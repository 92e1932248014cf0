// A cookie-keeping browser for console tests: follows redirects by hand (through a fake
// platform's sign-in page and back), so a test sees every hop and every Set-Cookie.
export interface Browser {
  cookies: Map<string, string>;
  headers: Record<string, string>;
}

export function browser(headers: Record<string, string> = {}): Browser {
  return { cookies: new Map(), headers };
}

export async function go(b: Browser, url: string, init: RequestInit = {}): Promise<Response> {
  const cookie = [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...b.headers, ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = pair!.split('=');
    if (value.join('=')) b.cookies.set(name!, value.join('='));
    else b.cookies.delete(name!);
  }
  return res;
}

/** Opens `url` and follows up to `hops` redirects (relative ones against `base`); the last answer. */
export async function follow(b: Browser, base: string, url: string, hops = 6, before?: (next: string) => void | Promise<void>): Promise<Response> {
  let res = await go(b, new URL(url, base).toString());
  for (let i = 0; i < hops && res.status === 302; i++) {
    const next = new URL(res.headers.get('location')!, base).toString();
    await before?.(next);
    res = await go(b, next);
  }
  return res;
}

/** The CSRF token on a console page. */
export async function csrfOf(b: Browser, base: string): Promise<string> {
  const page = await (await go(b, `${base}/console`)).text();
  return /name="_csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
}
