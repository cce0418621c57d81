// A browser's part of the web chat, over real HTTP: it keeps the session cookie the server sets
// and sends it back, as a browser does (fetch in Node keeps no cookies of its own).

export interface WebClient {
  /** The cookie as sent back (name=value), or null before the first answer. */
  cookie: string | null;
  chat(text: string, extra?: Record<string, unknown>, headers?: Record<string, string>): Promise<{ status: number; body: any; setCookie: string[] }>;
  messages(query?: string): Promise<{ status: number; body: any }>;
}

export function webClient(baseUrl: string, cookie: string | null = null): WebClient {
  const c: WebClient = {
    cookie,
    async chat(text, extra = {}, headers = {}) {
      const res = await fetch(`${baseUrl}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(c.cookie ? { cookie: c.cookie } : {}), ...headers },
        body: JSON.stringify({ text, ...extra }),
      });
      const setCookie = res.headers.getSetCookie();
      if (setCookie.length) c.cookie = setCookie[0].split(';')[0];
      return { status: res.status, body: await res.json(), setCookie };
    },
    async messages(query = '') {
      const res = await fetch(`${baseUrl}/api/chat/messages${query}`, { headers: c.cookie ? { cookie: c.cookie } : {} });
      return { status: res.status, body: await res.json() };
    },
  };
  return c;
}

/** The identity a session cookie carries (the part before the signature). */
export function cookieAddress(cookie: string): string {
  const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
  return value.slice(0, value.lastIndexOf('.'));
}
