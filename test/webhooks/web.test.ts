// The web chat over real HTTP: the server's signed cookie is the only identity, new identities are
// rate-limited per client address, and every message takes the inbound path, so a retry is answered.
import { sign } from 'cookie-signature';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { sessionSecret } from '../../webhooks/web/session.ts';
import { freshDb } from '../support/db.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { cookieAddress, webClient } from '../support/web-client.ts';

let s: TestService;
beforeAll(async () => {
  s = await startTestService({ WEB_CHAT_NEW_SESSIONS: '1000' });
});
afterAll(() => s.close());

const webIdentity = (address: string) => s.db.identity.findUnique({ where: { channel_address: { channel: 'web', address } } });

/** A notice for a web identity, as the outbox worker leaves it once "sent" (the page fetches it). */
async function noticeFor(address: string, body: string): Promise<void> {
  await enqueue(s.db, s.clock, [{ idempotencyKey: `test-notice:${address}:${body}`, channel: 'web', recipient: address, body, kind: 'notice' }]);
  await s.outbox.runOnce();
}

describe('web chat session', () => {
  it('issues an HttpOnly, signed, SameSite=Lax cookie and continues the conversation with it', async () => {
    const a = webClient(s.url);
    const first = await a.chat('找工作');
    expect(first.status).toBe(200);
    expect(first.setCookie).toHaveLength(1);
    expect(first.setCookie[0]).toMatch(/^hs_chat=s-[\w-]{22}\.[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/);
    const address = cookieAddress(a.cookie!);
    expect(await webIdentity(address)).not.toBeNull();

    const second = await a.chat('1');
    expect(second.body.replies[0].text).toMatch(/^找：/);
    // Same identity (the cookie is renewed, not replaced).
    expect(cookieAddress(a.cookie!)).toBe(address);
    expect(await s.db.identity.count({ where: { channel: 'web', address } })).toBe(1);
  });

  it('ignores the body\'s "user": it never selects an identity', async () => {
    const a = webClient(s.url);
    await a.chat('保洁');
    const b = webClient(s.url);
    await b.chat('找工作', { user: cookieAddress(a.cookie!) });
    expect(cookieAddress(b.cookie!)).not.toBe(cookieAddress(a.cookie!));
  });

  it("lets only the cookie's holder read its notices", async () => {
    const a = webClient(s.url);
    await a.chat('找工作');
    const addressA = cookieAddress(a.cookie!);
    await noticeFor(addressA, '招聘会明天上午9点开始');

    const mine = await a.messages('?after=0');
    expect(mine.status).toBe(200);
    expect(mine.body.messages.map((m: { text: string }) => m.text)).toEqual(['招聘会明天上午9点开始']);

    const b = webClient(s.url);
    await b.chat('找工作');
    expect((await b.messages(`?user=${addressA}&after=0`)).body).toEqual({ messages: [] });
    expect((await webClient(s.url).messages(`?user=${addressA}`)).body).toEqual({ messages: [] });
  });

  it("deletes only the sender's own data, whatever user the body names", async () => {
    const a = webClient(s.url);
    await a.chat('焊工');
    const addressA = cookieAddress(a.cookie!);

    const b = webClient(s.url);
    expect((await b.chat('删除我的信息', { user: addressA })).body.replies[0].text).toContain('确定删除');
    expect((await b.chat('1', { user: addressA })).body.replies[0].text).toContain('已删除');

    expect(await webIdentity(cookieAddress(b.cookie!))).toBeNull();
    const stillA = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: addressA } }, include: { worker: true } });
    expect(stillA.worker.deletedAt).toBeNull();
  });

  it('treats a tampered or foreign-signed cookie as no session: a new identity, never the named one', async () => {
    const a = webClient(s.url);
    await a.chat('找工作');
    const addressA = cookieAddress(a.cookie!);
    const value = decodeURIComponent(a.cookie!.slice('hs_chat='.length));
    const flipped = value.slice(0, -1) + (value.endsWith('A') ? 'B' : 'A');
    const forged = sign(addressA, 'a-secret-that-is-not-the-service-secret-at-all');

    for (const bad of [flipped, forged, addressA, `${addressA}.`]) {
      const m = webClient(s.url, `hs_chat=${encodeURIComponent(bad)}`);
      const res = await m.chat('1');
      expect(res.status).toBe(200);
      expect(cookieAddress(m.cookie!)).not.toBe(addressA);
      expect((await m.messages('?after=0')).body.messages).toEqual([]);
    }
    // A's conversation was not touched: its "1" still picks from its own menu.
    expect((await a.chat('1')).body.replies[0].text).toMatch(/^找：/);
  });

  it('keeps the signing secret in the database when SESSION_SECRET is not set, the same for every process', async () => {
    const t = await freshDb();
    try {
      const made = await sessionSecret(t.db, null);
      expect(made.length).toBeGreaterThanOrEqual(32);
      expect(await sessionSecret(t.db, null)).toBe(made);
      expect(await Promise.all([sessionSecret(t.db, null), sessionSecret(t.db, null)])).toEqual([made, made]);
      expect(await sessionSecret(t.db, 'x'.repeat(32))).toBe('x'.repeat(32));
    } finally {
      await t.cleanup();
    }
  });
});

describe('retries take the inbound path', () => {
  it('answers a retry after a failure (the engine threw once)', async () => {
    const a = webClient(s.url);
    await a.chat('你好');
    const spy = vi.spyOn(s.engine, 'handle').mockRejectedValueOnce(new Error('engine down for a moment'));
    try {
      const failed = await a.chat('保洁', { id: 'retry-1' });
      expect(failed.status).toBe(500);
      const retry = await a.chat('保洁', { id: 'retry-1' });
      expect(retry.status).toBe(200);
      expect(retry.body.duplicate).toBeUndefined();
      expect(retry.body.replies.length).toBeGreaterThan(0);
      expect(retry.body.replies[0].text).toContain('保洁');
    } finally {
      spy.mockRestore();
    }
  });

  it("answers the retry of a new session's first message that failed, in that session", async () => {
    const a = webClient(s.url);
    const spy = vi.spyOn(s.engine, 'handle').mockRejectedValueOnce(new Error('engine down for a moment'));
    try {
      const failed = await a.chat('找工作', { id: 'first-1' });
      expect(failed.status).toBe(500);
      expect(failed.setCookie).toHaveLength(1);
      const address = cookieAddress(a.cookie!);
      const retry = await a.chat('找工作', { id: 'first-1' });
      expect(retry.status).toBe(200);
      expect(retry.body.replies.length).toBeGreaterThan(0);
      expect(cookieAddress(a.cookie!)).toBe(address);
      expect((await a.chat('1')).body.replies[0].text).toMatch(/^找：/);
    } finally {
      spy.mockRestore();
    }
  });

  it('answers a retry after a success with the same replies, once in the outbox, none left to send', async () => {
    const a = webClient(s.url);
    const first = await a.chat('焊工', { id: 'twice-1' });
    const again = await a.chat('焊工', { id: 'twice-1' });
    expect(first.status).toBe(200);
    expect(first.body.replies.length).toBeGreaterThan(0);
    expect(again.body).toEqual(first.body);

    const rows = await s.db.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: `reply:web:${cookieAddress(a.cookie!)}:twice-1:` } } });
    expect(rows).toHaveLength(first.body.replies.length);
    // Delivered in the HTTP answer: the outbox worker has nothing to send for them.
    expect(rows.every((r) => r.state === 'sent' && r.providerId === 'web-response')).toBe(true);
  });

  it('keeps the same client id of two sessions apart', async () => {
    const a = webClient(s.url);
    const b = webClient(s.url);
    const ra = await a.chat('焊工', { id: 'same' });
    const rb = await b.chat('保洁', { id: 'same' });
    expect(ra.body.replies[0].text).toContain('焊工');
    expect(rb.body.replies[0].text).toContain('保洁');
  });
});

describe('new sessions per client address', () => {
  let limited: TestService;
  let proxied: TestService;
  beforeAll(async () => {
    limited = await startTestService({ WEB_CHAT_NEW_SESSIONS: '3' });
    proxied = await startTestService({ WEB_CHAT_NEW_SESSIONS: '3', TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await limited.close();
    await proxied.close();
  });

  it('answers 429 with a reason after N new sessions, whatever X-Forwarded-For says, and lets sessions already made go on', async () => {
    const first = webClient(limited.url);
    expect((await first.chat('你好')).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await webClient(limited.url).chat('你好', {}, { 'x-forwarded-for': `198.51.100.${i}` })).status).toBe(200);

    const refused = await webClient(limited.url).chat('你好', {}, { 'x-forwarded-for': '198.51.100.99' });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/请\d+分钟后再试 \/ too many new chat sessions/);
    expect(refused.setCookie).toEqual([]);
    // A session already made is not a new one.
    expect((await first.chat('找工作')).status).toBe(200);

    limited.clock.advance(10 * 60_000 + 1);
    expect((await webClient(limited.url).chat('你好')).status).toBe(200);
  });

  it('counts per forwarded address only when TRUST_PROXY trusts the proxy, and marks the cookie Secure behind https', async () => {
    const from = (ip: string, proto = 'http') => webClient(proxied.url).chat('你好', {}, { 'x-forwarded-for': ip, 'x-forwarded-proto': proto });
    for (let i = 0; i < 3; i++) expect((await from('203.0.113.1')).status).toBe(200);
    expect((await from('203.0.113.1')).status).toBe(429);
    const other = await from('203.0.113.2', 'https');
    expect(other.status).toBe(200);
    expect(other.setCookie[0]).toMatch(/; Secure/);
    // Not trusted, a client cannot claim https either.
    const direct = await webClient(s.url).chat('你好', {}, { 'x-forwarded-proto': 'https' });
    expect(direct.setCookie[0]).not.toMatch(/Secure/);
  });
});

describe('bad input is a 4xx, never a 500', () => {
  it.each(['1e20', '-1', '1.5', 'abc', '', '99999999999', '2147483648', '0x10'])('GET /api/chat/messages?after=%s → 400', async (after) => {
    const a = webClient(s.url);
    await a.chat('你好');
    const res = await a.messages(`?after=${encodeURIComponent(after)}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toContain('after');
  });

  it('refuses a repeated "after" (an array) with 400 and accepts the largest id', async () => {
    expect((await webClient(s.url).messages('?after=1&after=2')).status).toBe(400);
    expect((await webClient(s.url).messages('?after=2147483647')).status).toBe(200);
  });

  it('answers text with lone surrogates, refuses them in an id', async () => {
    const a = webClient(s.url);
    const ok = await a.chat('焊\ud800工\udc00');
    expect(ok.status).toBe(200);
    const bad = await a.chat('焊工', { id: 'ab\ud800cd' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toContain('id');
  });

  it('answers text with NUL characters (which PostgreSQL cannot store)', async () => {
    expect((await webClient(s.url).chat('焊\u0000工')).status).toBe(200);
  });

  it('refuses a body over 16 KB with 413 JSON', async () => {
    const res = await webClient(s.url).chat('焊'.repeat(10000));
    expect(res.status).toBe(413);
    expect(res.body.error).toContain('too large');
  });
});

describe('development users (WEB_CHAT_DEV_USERS)', () => {
  let dev: TestService;
  beforeAll(async () => {
    dev = await startTestService({ WEB_CHAT_DEV_USERS: 'true' });
  });
  afterAll(() => dev.close());

  it('lets the body name a dev identity, in its own namespace, without a cookie', async () => {
    const res = await dev.chat('alice', '找工作');
    expect(res.status).toBe(200);
    expect((await dev.chat('alice', '1')).body.replies[0].text).toMatch(/^找：/);
    expect(await dev.db.identity.count({ where: { channel: 'web', address: 'dev-alice' } })).toBe(1);
    expect((await dev.chat('a b', '找工作')).status).toBe(400);
    expect((await dev.chat('ab\ud800', '找工作')).status).toBe(400);
  });
});

describe('configuration', () => {
  it('validates SESSION_SECRET and TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({}).web).toMatchObject({ sessionSecret: null, devUsers: false });
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8, ::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    for (const env of [{ SESSION_SECRET: 'short' }, { TRUST_PROXY: 'proxy.example' }, { TRUST_PROXY: '10.0.0.0/33' }, { WEB_CHAT_DEV_USERS: 'maybe' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
    }
  });
});

describe('the chat page', () => {
  it('runs its script against the server: the cookie carries the conversation, no user is sent, notices arrive by polling', async () => {
    const html = await (await fetch(`${s.url}/`)).text();
    const script = /<script>([\s\S]*)<\/script>/.exec(html)![1];
    // Just enough of a browser for the page's script: elements that hold text, storage, timers,
    // and a fetch that, like a browser's same-origin fetch, keeps and sends the cookie.
    const el = (): any => ({
      children: [] as any[],
      textContent: '',
      value: '',
      appendChild(c: any) {
        this.children.push(c);
      },
    });
    const log = el();
    const form = el();
    const input = el();
    const timers: (() => void)[] = [];
    const sent: { url: string; init: any }[] = [];
    let cookie: string | null = null;
    const browserFetch = async (url: string, init: any = {}) => {
      sent.push({ url, init });
      const res = await fetch(`${s.url}${url}`, { ...init, headers: { ...init.headers, ...(cookie && init.credentials === 'same-origin' ? { cookie } : {}) } });
      const set = res.headers.getSetCookie();
      if (set.length) cookie = set[0].split(';')[0];
      return res;
    };
    const store = new Map<string, string>();
    const page = new Function('document', 'window', 'localStorage', 'fetch', 'setInterval', 'setTimeout', 'navigator', script);
    page(
      { getElementById: (id: string) => ({ log, f: form, t: input })[id], body: { scrollHeight: 0 }, createElement: el },
      { scrollTo() {} },
      { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
      browserFetch,
      (fn: () => void) => timers.push(fn),
      setTimeout,
      {},
    );
    const texts = () => log.children.map((c: any) => c.textContent);
    await vi.waitFor(() => expect(texts().length).toBeGreaterThan(1));
    expect(cookie).not.toBeNull();

    input.value = '找工作';
    form.onsubmit({ preventDefault() {} });
    await vi.waitFor(() => expect(texts().at(-1)).toBeTruthy());
    await vi.waitFor(() => expect(sent.filter((x) => x.url === '/api/chat')).toHaveLength(2));
    for (const { url, init } of sent) {
      expect(init.credentials).toBe('same-origin');
      if (url === '/api/chat') expect(JSON.parse(init.body)).not.toHaveProperty('user');
    }

    await noticeFor(cookieAddress(cookie!), '明天上午9点招聘会');
    for (const t of timers) t();
    await vi.waitFor(() => expect(texts()).toContain('明天上午9点招聘会'));
    expect(Number(store.get('hs-seen'))).toBeGreaterThan(0);
  });
});

describe('buttons that stay true, over HTTP', () => {
  it('a list carries its cards and menu number; a tap with an older number is refused politely', async () => {
    const a = webClient(s.url);
    const list = (await a.chat('焊工')).body.replies[0];
    expect(list.cards.length).toBe(3);
    expect(list.cards[0]).toMatchObject({ n: 1, title: expect.any(String), pay: expect.any(String) });
    expect(Number.isInteger(list.menu)).toBe(true);
    const next = (await a.chat('4', { menu: list.menu })).body.replies[0];
    expect(next.menu).toBe(list.menu + 1);
    const stale = (await a.chat('1', { menu: list.menu })).body.replies[0];
    expect(stale.text).toContain('过时');
    expect(stale.choices).toBeUndefined();
  });

  it('answers a list with exactly text, choices, menu and cards, each card with the fields of JobCard', async () => {
    const [list] = (await webClient(s.url).chat('电焊 广州')).body.replies;
    expect(Object.keys(list).sort()).toEqual(['cards', 'choices', 'menu', 'text']);
    for (const c of list.cards) {
      expect(Object.keys(c).sort()).toEqual(['employer', 'n', 'note', 'pay', 'place', 'postingId', 'title']);
      expect(c).toMatchObject({ n: expect.any(Number), postingId: expect.any(Number), title: expect.stringMatching(/\S/) });
    }
  });

  it('passes the menu number on to the engine as Inbound.menu, and none when none was sent', async () => {
    const a = webClient(s.url);
    await a.chat('你好');
    const spy = vi.spyOn(s.engine, 'handle');
    try {
      await a.chat('1', { menu: 7 });
      await a.chat('焊工');
      expect(spy.mock.calls[0][0]).toMatchObject({ channel: 'web', text: '1', menu: 7 });
      expect(spy.mock.calls[1][0]).not.toHaveProperty('menu');
    } finally {
      spy.mockRestore();
    }
  });

  it('menu must be a whole number from 0 to 2147483647: anything else is a 400 that says so', async () => {
    const a = webClient(s.url);
    for (const menu of ['1', -1, 1.5, 2 ** 31, null, true, [1], { n: 1 }]) {
      const r = await a.chat('1', { menu });
      expect(r.status, JSON.stringify(menu)).toBe(400);
      expect(r.body.error).toBe('"menu" must be the menu number of the reply whose button was tapped (a whole number 0-2147483647)');
    }
    for (const menu of [0, 2 ** 31 - 1]) expect((await a.chat('1', { menu })).status).toBe(200);
  });
});
