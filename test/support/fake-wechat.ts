// A local stand-in for WeChat's server API, as much as the service uses: /cgi-bin/token,
// /cgi-bin/message/custom/send, /cgi-bin/message/template/send, /cgi-bin/menu/create. It records
// what is sent, checks the access_token, and answers what the test scripted: an errcode (45015
// outside the 48-hour window, 40001 a token gone stale, -1 system busy, 43004 unfollowed) or an
// HTTP 429. Users "outside the window" get 45015 on every customer-service message.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WechatCall {
  path: string;
  token: string | null;
  body: Record<string, any>;
  /** Answered with success (errcode 0). */
  ok?: boolean;
}

export type WechatAnswer = { errcode: number; errmsg?: string } | { http: 429 };

export class FakeWechat {
  readonly calls: WechatCall[] = [];
  /** Tokens handed out; only the newest is accepted. */
  readonly tokens: string[] = [];
  readonly outsideWindow = new Set<string>();
  /** Scripted answers per path, in order; after they run out, success. */
  private readonly script = new Map<string, WechatAnswer[]>();
  private server!: http.Server;
  url = '';

  constructor(
    readonly appId: string,
    readonly secret: string,
  ) {}

  respond(path: string, ...answers: WechatAnswer[]): void {
    this.script.set(path, [...(this.script.get(path) ?? []), ...answers]);
  }

  /** Makes the current token stale, as WeChat does when another client fetched a new one. */
  expireToken(): void {
    this.tokens.push(`revoked-${this.tokens.length}`);
  }

  /** What WeChat accepted on a path (refused calls are in `calls` only). */
  sent(path = '/cgi-bin/message/custom/send'): Record<string, any>[] {
    return this.calls.filter((c) => c.path === path && c.ok).map((c) => c.body);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const json = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (u.pathname === '/cgi-bin/token') {
          if (u.searchParams.get('appid') !== this.appId || u.searchParams.get('secret') !== this.secret) return json(200, { errcode: 40125, errmsg: 'invalid appsecret' });
          const token = `tok-${this.tokens.length + 1}`;
          this.tokens.push(token);
          this.calls.push({ path: u.pathname, token: null, body: {} });
          return json(200, { access_token: token, expires_in: 7200 });
        }
        let body: Record<string, any> = {};
        try {
          body = JSON.parse(data || '{}');
        } catch {
          return json(200, { errcode: 47001, errmsg: 'data format error' });
        }
        const token = u.searchParams.get('access_token');
        const call: WechatCall = { path: u.pathname, token, body };
        this.calls.push(call);
        if (token !== this.tokens.at(-1)) return json(200, { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' });
        const next = this.script.get(u.pathname)?.shift();
        if (next && 'http' in next) return json(429, { errcode: 45009, errmsg: 'reach max api daily quota limit' });
        if (next) return json(200, { errcode: next.errcode, errmsg: next.errmsg ?? 'scripted' });
        if (u.pathname === '/cgi-bin/message/custom/send' && this.outsideWindow.has(body.touser))
          return json(200, { errcode: 45015, errmsg: 'response out of time limit or subscription is canceled' });
        call.ok = true;
        if (u.pathname === '/cgi-bin/message/template/send') return json(200, { errcode: 0, errmsg: 'ok', msgid: 200228332 });
        if (['/cgi-bin/message/custom/send', '/cgi-bin/menu/create'].includes(u.pathname)) return json(200, { errcode: 0, errmsg: 'ok' });
        call.ok = false;
        return json(404, { errcode: 40066, errmsg: 'invalid url' });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
