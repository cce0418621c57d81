// The Telegram channel. The conversation runs against telegram-test-api (a Bot API emulator with a
// client that plays the user) in long-polling mode; webhook security, 429 and 403 run against
// the app's webhook endpoint and a scripted local Bot API stand-in.
import net from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.ts';
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

type BotMessage = { message: { chat_id: string; text: string; reply_markup?: any } };

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
    client = server.getClient(TOKEN, { userId: 7001, chatId: 7001, firstName: '阿明', userName: 'aming' });
  });
  afterAll(async () => {
    await s?.close();
    live?.stop();
    await server?.stop();
  });

  it('/start greets with trade buttons', async () => {
    await client.sendCommand(client.makeCommand('/start'));
    const [greet] = await botSays();
    expect(greet.text).toContain('惠水就业助手');
    const buttons = greet.reply_markup.inline_keyboard.flat();
    expect(buttons.map((b: any) => b.callback_data)).toEqual(['c:1', 'c:2', 'c:3', 'c:4', 'c:5', 'c:6', 'c:7']);
    expect(buttons[0].text).toContain('进厂');
  });

  it('a button press (callback) gives three matched jobs with buttons to sign up', async () => {
    await client.sendCallback(client.makeCallbackQuery('c:3'));
    const [list] = await botSays();
    expect(list.text).toMatch(/1️⃣.+\n.+\n2️⃣.+\n.+\n3️⃣/);
    const ids = list.reply_markup.inline_keyboard.flat().map((b: any) => b.callback_data);
    expect(ids).toEqual(expect.arrayContaining(['c:1', 'c:2', 'c:3', 'c:4']));
  });

  it('"I\'m interested" with a button, then consent, then the phone', async () => {
    await client.sendCallback(client.makeCallbackQuery('c:2'));
    const ack = await botSaysWith('已帮你报名');
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
    expect(results.text).toMatch(/找到\d+/);
  });

  it('a location button comes with a question about home', async () => {
    await client.sendMessage(client.makeMessage('/home'));
    const [ask] = await botSays();
    expect(ask.reply_markup?.keyboard?.[0]?.[0]).toMatchObject({ request_location: true });
  });

  it('one typed message is enough', async () => {
    await client.sendMessage(client.makeMessage('汗工 广州 一万以上'));
    const [list] = await botSays();
    expect(list.text).toContain('焊工对口');
  });

  it('posting text is sent plain: no parse mode, no Markdown injection', async () => {
    const sent = server.getUpdatesHistory(TOKEN).filter((u: any) => 'message' in u && u.message.chat_id !== undefined);
    for (const u of sent as any[]) expect(u.message.parse_mode).toBeUndefined();
  });

  it('a voice note gets a plain answer, not silence', async () => {
    await client.sendMessage(client.makeMessage('', { voice: { file_id: 'v1', file_unique_id: 'u1', duration: 3 } } as never));
    const [r] = await botSays();
    expect(r.text).toContain('文字');
  });

  it('/start fair_<id> opens that fair; /help and /stop work', async () => {
    const fair = await s.db.jobFair.findFirstOrThrow();
    await client.sendCommand(client.makeCommand(`/start fair_${fair.id}`));
    expect((await botSays())[0].text).toContain(fair.name);
    await client.sendCommand(client.makeCommand('/help'));
    expect((await botSays())[0].text).toContain('退订');
    await client.sendCommand(client.makeCommand('/stop'));
    expect((await botSays())[0].text).toContain('已退订');
  });

  it('survives a restart in the middle of a conversation', async () => {
    const other = server.getClient(TOKEN, { userId: 7002, chatId: 7002 });
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
      const [ack] = await botSays();
      expect(ack.text).toContain('已帮你报名');
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
    ).toContain('已帮你报名');
  });

  it('refuses a wrong or missing secret with 401 and stores nothing', async () => {
    const before = await s.db.inboundMessage.count();
    expect((await post(update(9002, '焊工'), 'wrong')).status).toBe(401);
    expect((await post(update(9002, '焊工'), null)).status).toBe(401);
    expect(await s.db.inboundMessage.count()).toBe(before);
    expect((await post({ hello: 1 })).status).toBe(400);
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
