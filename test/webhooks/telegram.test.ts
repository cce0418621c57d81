// The Telegram channel. The conversation runs against telegram-test-api (a Bot API emulator with a
// client that plays the user) in long-polling mode; webhook security, 429 and 403 run against
// the app's webhook endpoint and a scripted local Bot API stand-in; poison updates, a rejected
// token, 409 and 429 on getUpdates run against the stand-in in long-polling mode (it redelivers
// from the offset as Telegram does; the emulator hands each update out only once).
import net from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { loadConfig } from '../../app/config.ts';
import { type Service, startService } from '../../app/service.ts';
import { FakeClock } from '../../lib/clock.ts';
import { createLogger } from '../../lib/log.ts';
import { type Db, providerOf } from '../../prisma/db.ts';
import { GAVE_UP_TEXT } from '../../webhooks/telegram/intake.ts';
import { freshDb, type TestDb } from '../support/db.ts';
import { FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { startTestService, type TestService } from '../support/service.ts';

const TOKEN = '123456:TEST-token';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** A fake clock that follows real time, so rate limits and leases behave as in production. */
function liveClock(): { clock: FakeClock; stop: () => void } {
  const clock = new FakeClock(new Date());
  const t = setInterval(() => clock.set(new Date()), 20);
  return { clock, stop: () => clearInterval(t) };
}

type BotMessage = { message: { chat_id: string; text: string; reply_markup?: any; parse_mode?: string } };

/**
 * Makes every update from one chat fail in the database, however often it is tried, like an
 * update that trips a bug: a trigger refuses the chat's outbox rows ('reply'), or the identity
 * the engine makes for a new chat ('identity', so that a notice to the chat still goes out).
 */
async function poisonChat(db: Db, url: string, chatId: number, at: 'reply' | 'identity' = 'reply'): Promise<void> {
  const [table, column] = at === 'reply' ? ['OutboundMessage', 'recipient'] : ['Identity', 'address'];
  if (providerOf(url) === 'postgresql') {
    await db.$executeRawUnsafe(
      `CREATE OR REPLACE FUNCTION poison_${chatId}() RETURNS trigger AS $$ BEGIN IF NEW."${column}" = '${chatId}' THEN RAISE EXCEPTION 'poisoned chat'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
    );
    await db.$executeRawUnsafe(`CREATE TRIGGER poison_${chatId} BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION poison_${chatId}()`);
  } else {
    await db.$executeRawUnsafe(`CREATE TRIGGER poison_${chatId} BEFORE INSERT ON "${table}" WHEN NEW."${column}" = '${chatId}' BEGIN SELECT RAISE(ABORT, 'poisoned chat'); END`);
  }
}

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const textUpdate = (id: number, chat: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 1_700_000_000, chat: { id: chat, type: 'private', first_name: 'A' }, from: { id: chat, is_bot: false, first_name: 'A' }, text },
});

describe('a worker on Telegram (emulator, long polling)', () => {
  let server: InstanceType<typeof TelegramServer>;
  let s: TestService;
  let live: ReturnType<typeof liveClock>;
  let client: ReturnType<InstanceType<typeof TelegramServer>['getClient']>;

  async function botSays(count = 1, timeoutMs = 10_000): Promise<BotMessage['message'][]> {
    const got: BotMessage['message'][] = [];
    const end = Date.now() + timeoutMs;
    while (got.length < count && Date.now() < end) {
      const r = (await client.getUpdates()) as unknown as { result: BotMessage[] };
      got.push(...r.result.map((u) => u.message));
      if (got.length < count) await new Promise((res) => setTimeout(res, 100));
    }
    return got;
  }

  /** Waits for the bot's message that contains `text` (others sent meanwhile are passed over). */
  async function botSaysWith(text: string, timeoutMs = 15_000): Promise<BotMessage['message']> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const [m] = await botSays(1, Math.max(100, end - Date.now()));
      if (m?.text.includes(text)) return m;
    }
    throw new Error(`the bot never said "${text}"`);
  }

  beforeAll(async () => {
    server = new TelegramServer({ port: await freePort(), host: '127.0.0.1', storeTimeout: 600 });
    await server.start();
    live = liveClock();
    const env = { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: server.config.apiURL, TELEGRAM_PER_SECOND: '1000', DELIVERY_POLL_MS: '50', QUIET_HOURS: 'off' };
    s = await startTestService(env, live.clock, { runOutbox: true });
    // The client's own wait for a reply is 1 s by default, too short on a loaded machine.
    client = server.getClient(TOKEN, { userId: 7001, chatId: 7001, firstName: '阿明', userName: 'aming', timeout: 15_000 });
  });
  afterAll(async () => {
    await s?.close();
    live?.stop();
    await server?.stop();
  });

  it('/start greets with trade buttons', async () => {
    await client.sendCommand(client.makeCommand('/start'));
    const [greet] = await botSays();
    expect(greet.text).toContain('我帮你找工作');
    const buttons = greet.reply_markup.inline_keyboard.flat();
    // Each button carries its message's menu number, so a tap on an older message is known.
    const menu = /^c:(\d+):1$/.exec(buttons[0].callback_data)![1];
    expect(buttons.map((b: any) => b.callback_data)).toEqual(['1', '2', '3', '4', '5', '6', '7'].map((id) => `c:${menu}:${id}`));
    expect(buttons[0].text).toContain('进厂');
  });

  it('a button press (callback) gives three matched jobs with buttons to sign up', async () => {
    await client.sendCallback(client.makeCallbackQuery('c:3'));
    const [list] = await botSays();
    expect(list.text).toMatch(/^找：.+\n①.+\n②.+\n③/);
    const ids = list.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data.replace(/^c:\d+:/, 'c:'));
    expect(ids).toEqual(expect.arrayContaining(['c:1', 'c:2', 'c:3', 'c:4']));
    // A tap on the greeting's buttons, now outdated, does nothing but say so.
    await client.sendCallback(client.makeCallbackQuery('c:1:5'));
    expect((await botSays())[0].text).toContain('过时');
  });

  it('"I\'m interested" with a button, then consent, then the phone', async () => {
    await client.sendCallback(client.makeCallbackQuery('c:2'));
    await botSaysWith('返回');
    await client.sendCallback(client.makeCallbackQuery('c:1'));
    const ack = await botSaysWith('✅已报名');
    expect(ack.reply_markup.inline_keyboard.flat().map((b: any) => b.text)).toEqual(['✅同意', '❌不同意']);
    await client.sendCallback(client.makeCallbackQuery('c:1'));
    await botSaysWith('手机号');
    await client.sendMessage(client.makeMessage('13900001111'));
    await botSaysWith('公司会尽快联系你');
    const id = await s.db.identity.findUniqueOrThrow({
      where: { channel_address: { channel: 'telegram', address: '7001' } },
      include: { worker: { include: { interests: true } } },
    });
    expect(id.worker.phone).toBe('+8613900001111');
    expect(id.worker.interests[0].consent).toBe('granted');
  });

  it('a shared location sets the home township', async () => {
    await client.sendMessage(client.makeMessage('', { location: { latitude: 26.0139, longitude: 106.594 } } as never));
    const [saved, results] = await botSays(2); // the home, then the last search again, now ranked from there
    expect(saved.text).toContain('好花红镇');
    expect(results.text).toMatch(/^只看：/);
  });

  it('a location button comes with a question about home', async () => {
    await client.sendMessage(client.makeMessage('/home'));
    const [ask] = await botSays();
    expect(ask.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ request_location: true });
  });

  it('one typed message is enough', async () => {
    await client.sendMessage(client.makeMessage('汗工 广州 一万以上'));
    const [list] = await botSays();
    // Heard by sound: the guess is said, and the jobs are welding jobs, not called 对口.
    expect(list.text).toContain('你是说“焊工”吗');
    expect(list.text).toMatch(/找：焊工？·广州·1万以上\n①/);
    expect(list.text).not.toContain('对口');
  });

  it('text from postings and fairs is sent plain and verbatim: no parse mode, no Markdown or HTML injection', async () => {
    const name = '*急招*_惠水_[现场](http://evil.example) <b>包吃住</b> & `x` ~y~ \\';
    const fair = await s.db.jobFair.create({
      data: {
        name,
        venue: '<i>县城</i>广场_1号',
        startsAt: new Date(s.clock.now().getTime() + 5 * 86400_000),
        endsAt: new Date(s.clock.now().getTime() + 5 * 86400_000 + 3600_000),
      },
    });
    // The worker's own message carries the same characters; it must be read, not choke anything.
    await client.sendMessage(client.makeMessage('*焊工* _广州_ [6000](x) <b>'));
    const [answer] = await botSays();
    expect(answer.text.length).toBeGreaterThan(0);
    await client.sendCommand(client.makeCommand(`/start fair_${fair.id}`));
    const shown = await botSaysWith(name.slice(0, 10));
    expect(shown.text).toContain(name.slice(0, 10));
    await client.sendMessage(client.makeMessage('招聘会什么时候'));
    expect((await botSaysWith(name.slice(0, 14))).text).toContain(name.slice(0, 14));
    expect(shown.parse_mode).toBeUndefined();
    const sent = server.getUpdatesHistory(TOKEN).filter((u: any) => u.message?.chat_id !== undefined) as unknown as BotMessage[];
    expect(sent.length).toBeGreaterThanOrEqual(2); // at least this test's own two
    for (const u of sent) {
      expect(u.message.parse_mode).toBeUndefined();
      expect(u.message).not.toHaveProperty('entities');
    }
  });

  it('a voice note gets a plain answer, not silence', async () => {
    await client.sendMessage(client.makeMessage('', { voice: { file_id: 'v1', file_unique_id: 'u1', duration: 3 } } as never));
    const [r] = await botSays();
    expect(r.text).toContain('文字');
  });

  it('/start fair_<id> opens that fair; /help and /stop work', async () => {
    const fair = await s.db.jobFair.findFirstOrThrow();
    await client.sendCommand(client.makeCommand(`/start fair_${fair.id}`));
    expect((await botSays())[0].text).toContain(fair.name.slice(0, 10));
    await client.sendCommand(client.makeCommand('/help'));
    expect((await botSays())[0].text).toContain('退订');
    await client.sendCommand(client.makeCommand('/stop'));
    expect((await botSays())[0].text).toContain('已退订');
  });

  it('survives a restart in the middle of a conversation', async () => {
    const other = server.getClient(TOKEN, { userId: 7002, chatId: 7002, timeout: 15_000 });
    client = other;
    await other.sendMessage(other.makeMessage('保安'));
    const [list] = await botSays();
    expect(list.text).toContain('保安');
    // Restart: a new service on the same database.
    const env = {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: server.config.apiURL,
      TELEGRAM_PER_SECOND: '1000',
      DELIVERY_POLL_MS: '50',
      QUIET_HOURS: 'off',
      DATABASE_URL: s.testDb.url,
    };
    await s.stop();
    const { startService } = await import('../../app/service.ts');
    const { loadConfig } = await import('../../app/config.ts');
    const { silentLogger } = await import('../../lib/log.ts');
    const again = await startService(loadConfig({ ...env, PORT: '0', HOST: '127.0.0.1' }), silentLogger, live.clock);
    try {
      await other.sendMessage(other.makeMessage('1'));
      const [details] = await botSays();
      expect(details.text).toContain('返回');
      await other.sendMessage(other.makeMessage('1'));
      const [ack] = await botSays();
      expect(ack.text).toContain('✅已报名');
    } finally {
      await again.stop();
    }
    s = { ...s, stop: async () => {}, close: async () => s.testDb.cleanup() } as TestService;
  });
});

describe('webhook mode', () => {
  let api: FakeTelegramApi;
  let s: TestService;
  const SECRET = 'hook-secret_123';
  let next = 1000;

  const update = (chat: number, text: string, id = ++next) => ({
    update_id: id,
    message: { message_id: id, date: 1_700_000_000, chat: { id: chat, type: 'private', first_name: 'A' }, from: { id: chat, is_bot: false, first_name: 'A' }, text },
  });
  const post = (body: unknown, secret: string | null = SECRET) =>
    fetch(`${s.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
    s = await startTestService({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PUBLIC_URL: 'https://jobs.example.org',
      TELEGRAM_PER_SECOND: '1000',
      QUIET_HOURS: 'off',
    });
  });
  afterAll(async () => {
    await s.close();
    await api.stop();
  });

  it('registered its webhook with the secret', async () => {
    // setWebhook went to the stand-in at start; the app answers on its own route.
    const r = await post(update(9001, '焊工'));
    expect(r.status).toBe(200);
  });

  it('answers a button press (answerCallbackQuery) so the spinner stops, and acts on it', async () => {
    await post(update(9010, '保洁'));
    const r = await post({
      update_id: ++next,
      callback_query: {
        id: 'cb-77',
        chat_instance: 'x',
        data: 'c:1',
        from: { id: 9010, is_bot: false, first_name: 'A' },
        message: { message_id: 1, date: 1_700_000_000, chat: { id: 9010, type: 'private' } },
      },
    });
    expect(r.status).toBe(200);
    expect(api.answeredCallbacks).toContain('cb-77');
    await s.outbox.drain();
    s.clock.advance(1000); // one message a second in one chat
    await s.outbox.drain();
    expect(
      api.sent
        .filter((m) => m.chat_id === '9010')
        .map((m) => m.text)
        .join('\n'),
    ).toContain('要报名点1');
  });

  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    const before = await s.db.inboundMessage.count();
    expect((await post(update(9002, '焊工'), 'wrong')).status).toBe(401);
    expect((await post(update(9002, '焊工'), null)).status).toBe(401);
    expect(await s.db.inboundMessage.count()).toBe(before);
    expect((await post({ hello: 1 })).status).toBe(400);
  });

  it('checks the secret before it parses: malformed JSON without the secret is 401, with it 400', async () => {
    const raw = (secret: string | null) =>
      fetch(`${s.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: '{"update_id": 1, "message": {',
      });
    const without = await raw(null);
    expect(without.status).toBe(401);
    expect(await without.json()).toEqual({ error: 'bad secret token' });
    expect((await raw('wrong')).status).toBe(401);
    const withSecret = await raw(SECRET);
    expect(withSecret.status).toBe(400);
    expect((await withSecret.json()).error).toMatch(/JSON/);
  });

  describe('updates of a shape the bot cannot use: 200, never 500, nothing half-stored', () => {
    const unhandled = () => s.db.inboundMessage.count({ where: { handledAt: null } });

    it.each([
      ['"message": {}', { message: {} }],
      ['a message without a chat', { message: { message_id: 1, date: 1_700_000_000, text: '保安', from: { id: 9301, is_bot: false, first_name: 'A' } } }],
      ['a chat id that is not a number', { message: { message_id: 1, date: 1_700_000_000, chat: { id: '9302; DROP', type: 'private' }, text: '保安' } }],
      ['a callback without its sender', { callback_query: { id: 'cb-x', chat_instance: 'x', data: 'c:1' } }],
    ])('%s: ignored, nothing stored', async (_label, shape) => {
      const before = await s.db.inboundMessage.count();
      const r = await post({ update_id: ++next, ...shape });
      expect(r.status).toBe(200);
      expect((await r.json()).ignored).toBeTruthy();
      expect(await s.db.inboundMessage.count()).toBe(before);
      expect(await unhandled()).toBe(0);
    });

    it.each([
      ['text as an object', { text: { evil: true } }],
      ['text as a number', { text: 42 }],
      ['a location out of range', { location: { latitude: 500, longitude: 'x' } }],
    ])('%s from a known chat: a plain answer', async (_label, extra) => {
      const chat = 9400 + next;
      const r = await post({ update_id: ++next, message: { message_id: 1, date: 1_700_000_000, chat: { id: chat, type: 'private' }, ...extra } });
      expect(r.status).toBe(200);
      expect((await r.json()).answered).toBeTruthy();
      expect(await unhandled()).toBe(0);
      const replies = await s.db.outboundMessage.findMany({ where: { recipient: String(chat) } });
      expect(replies.map((m) => m.body).join()).toContain('只认识文字');
    });

    it('lone surrogates in text ("ab\\ud800cd") are mended, the message is answered and stored whole', async () => {
      const chat = 9500;
      // JSON.stringify writes a lone surrogate as the escape \\ud800, as a client could.
      const r = await post(update(chat, '保洁ab\ud800cd'));
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ ok: true });
      const row = await s.db.inboundMessage.findFirstOrThrow({ where: { providerId: String(next) } });
      expect(row.text).toBe('保洁ab\uFFFDcd');
      expect(row.handledAt).not.toBeNull();
      expect(await s.db.outboundMessage.count({ where: { recipient: String(chat) } })).toBeGreaterThan(0);
    });
  });

  it('an update that keeps failing is dead-lettered after 3 tries and answered 200; the next one is still answered', async () => {
    await poisonChat(s.db, s.testDb.url, 6666);
    const poison = update(6666, '保安');
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(poison)).status);
    expect(statuses).toEqual([503, 503, 200]);
    const dead = await s.db.deadLetter.findUniqueOrThrow({ where: { channel_providerId: { channel: 'telegram', providerId: String(poison.update_id) } } });
    expect(dead.attempts).toBe(3);
    expect(dead.deadAt).not.toBeNull();
    expect(dead.error).toMatch(/poisoned chat|outboundMessage\.createMany/); // the trigger's refusal, as each provider's driver words it
    expect(JSON.parse(dead.payload)).toEqual(poison);

    const r = await post(update(6667, '保洁'));
    expect(r.status).toBe(200);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '6667')).toHaveLength(1);

    // Staff see it; nobody else does.
    const staff = (await createUser(s.db, { name: '就业局', role: 'staff' })).token;
    const recruiter = (await createUser(s.db, { name: '招聘', role: 'recruiter' })).token;
    const list = (token?: string) => fetch(`${s.url}/api/dead-letters`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await list()).status).toBe(401);
    expect((await list(recruiter)).status).toBe(403);
    const res = await list(staff);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.total).toBe(1);
    expect(body.deadLetters[0]).toMatchObject({ channel: 'telegram', providerId: String(poison.update_id), attempts: 3, payload: poison });
    expect((await fetch(`${s.url}/api/dead-letters?limit=0`, { headers: { authorization: `Bearer ${staff}` } })).status).toBe(400);
  });

  it('a redelivered update_id produces no second reply', async () => {
    const u = update(9003, '保洁');
    await post(u);
    await post(u);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '9003')).toHaveLength(1);
  });

  it('429 with retry_after: sent once, after the wait', async () => {
    api.respond({ code: 429, retryAfter: 5 });
    await post(update(9004, '保安'));
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '9004')).toHaveLength(0);
    const row = await s.db.outboundMessage.findFirstOrThrow({ where: { recipient: '9004' } });
    expect(row.nextAttemptAt.getTime() - s.clock.now().getTime()).toBe(5000);
    s.clock.advance(5000);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '9004')).toHaveLength(1);
  });

  it('403 "bot was blocked by the user" marks the worker opted out on Telegram', async () => {
    api.respond({ code: 403 });
    await post(update(9005, '保安'));
    await s.outbox.drain();
    const id = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'telegram', address: '9005' } } });
    expect(id.optedOut).toBe(true);
    const row = await s.db.outboundMessage.findFirstOrThrow({ where: { recipient: '9005' } });
    expect(row.state).toBe('failed');
    expect(row.lastError).toContain('opted_out');
  });
});

describe('long polling against a Bot API that redelivers from the offset', () => {
  let api: FakeTelegramApi;
  let testDb: TestDb | null = null;
  let svc: Service | null = null;
  let logs: { level: string; msg: string; [k: string]: unknown }[] = [];
  const clock = new FakeClock(new Date('2026-12-01T02:00:00Z'));

  async function start(): Promise<Service> {
    logs = [];
    testDb = await freshDb();
    const log = createLogger('debug', {}, (line) => logs.push(JSON.parse(line)), clock);
    const env = {
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: testDb.url,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      TELEGRAM_PER_SECOND: '1000',
      QUIET_HOURS: 'off',
      SEED_DEMO: 'false',
    };
    svc = await startService(loadConfig(env), log, clock, { runOutbox: false, telegramPolling: { idleMs: 20, retryMs: 50, errorMs: 50, conflictMs: 300 } });
    return svc;
  }

  beforeAll(async () => {
    api = await new FakeTelegramApi().start();
  });
  afterEach(async () => {
    await svc?.stop();
    await testDb?.cleanup();
    svc = null;
    testDb = null;
    await api.stop();
    api = await new FakeTelegramApi().start();
  });
  afterAll(async () => {
    await api.stop();
  });

  it('a poison update is tried 3 times, dead-lettered and skipped, its sender told; the next user is answered', async () => {
    const s = await start();
    await poisonChat(testDb!.db, testDb!.url, 6666, 'identity');
    api.pushUpdate(textUpdate(500, 6666, '保安'), textUpdate(501, 7777, '保洁'));
    const handled = await until('the next user’s update to be handled', () =>
      s.db.inboundMessage.findFirst({ where: { channel: 'telegram', providerId: '501', handledAt: { not: null } } }),
    );
    expect(handled.text).toBe('保洁');
    const dead = await s.db.deadLetter.findUniqueOrThrow({ where: { channel_providerId: { channel: 'telegram', providerId: '500' } } });
    expect(dead.attempts).toBe(3);
    expect(dead.deadAt).not.toBeNull();
    // Handed out exactly three times (one per try), then never again.
    await until('the offset to move past both', async () => api.polls.at(-1)?.offset === 502);
    expect(api.polls.filter((p) => p.served.includes(500))).toHaveLength(3);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '7777')).toHaveLength(1);
    expect(api.sent.filter((m) => m.chat_id === '6666').map((m) => m.text)).toEqual([GAVE_UP_TEXT]);
    expect(logs.filter((l) => l.level === 'error' && l.msg.includes('dead-lettered'))).toHaveLength(1);
  });

  it('a deep link with a fair id beyond 64 bits gets a reply, never silence', async () => {
    const s = await start();
    api.pushUpdate(textUpdate(600, 8801, '/start fair_100000000000000000000'), textUpdate(601, 8802, '保洁'));
    await until('both updates to be done with', async () => api.polls.at(-1)?.offset === 602, 15_000);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.chat_id === '8801').length).toBeGreaterThan(0);
    expect(api.sent.filter((m) => m.chat_id === '8802').length).toBeGreaterThan(0);
  });

  it('a deep link with a fair id beyond 64 bits is answered by the engine, not given up on', async () => {
    const s = await start();
    api.pushUpdate(textUpdate(610, 8811, '/start fair_100000000000000000000'));
    await until('the update to be done with', async () => api.polls.at(-1)?.offset === 611, 15_000);
    await s.outbox.drain();
    const replies = api.sent.filter((m) => m.chat_id === '8811');
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.map((m) => m.text)).not.toContain(GAVE_UP_TEXT);
    expect(await s.db.deadLetter.count()).toBe(0);
  });

  it('401 (a rejected token) stops polling with one clear log line; the service stays up', async () => {
    api.respondToPolling({ code: 401 });
    const s = await start();
    await until('the 401 log line', async () => logs.find((l) => l.msg.includes('rejected the bot token')));
    await new Promise((r) => setTimeout(r, 300));
    expect(api.polls).toHaveLength(1);
    const lines = logs.filter((l) => l.level === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0].msg).toMatch(/401.*polling stopped.*TELEGRAM_BOT_TOKEN/);
    expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it('409 and 429 on getUpdates are waited out (409 with a pause, 429 for retry_after), then polling goes on', async () => {
    api.respondToPolling({ code: 409 }, { code: 429, retryAfter: 1 });
    const s = await start();
    api.pushUpdate(textUpdate(700, 8802, '保洁'));
    await until('the update after the waits to be handled', () => s.db.inboundMessage.findFirst({ where: { providerId: '700', handledAt: { not: null } } }), 15_000);
    const [conflict, slowDown, ok] = api.polls;
    expect(slowDown.at - conflict.at).toBeGreaterThanOrEqual(295);
    expect(ok.at - slowDown.at).toBeGreaterThanOrEqual(995);
    expect(logs.some((l) => l.level === 'warn' && /409.*another instance.*waiting/.test(l.msg))).toBe(true);
    expect(logs.some((l) => l.level === 'warn' && /429.*waiting 1 s/.test(l.msg))).toBe(true);
    expect(logs.filter((l) => l.level === 'error')).toHaveLength(0);
  });

  it('a network error or 5xx is retried, not fatal', async () => {
    api.respondToPolling({ code: 500 }, { code: 500 });
    const s = await start();
    api.pushUpdate(textUpdate(800, 8803, '保洁'));
    await until('the update to be handled', () => s.db.inboundMessage.findFirst({ where: { providerId: '800', handledAt: { not: null } } }));
    expect(api.polls.length).toBeGreaterThanOrEqual(3);
  });
});
