// The whole service with its SMS and Telegram channels wired to local stand-ins (Twilio's REST
// API; Telegram's Bot API in webhook mode), and a worker's side of each: text in, what came back.
import twilio from 'twilio';
import { expect } from 'vitest';
import { FakeTelegramApi } from './fake-telegram-api.ts';
import { FakeTwilio } from './fake-twilio.ts';
import { startTestService, type TestService } from './service.ts';

const TOKEN = 'twilio-token';
const PUBLIC = 'https://jobs.example.org';
const SECRET = 'tg-secret_1';

export interface Channels {
  s: TestService;
  sms: FakeTwilio;
  tg: FakeTelegramApi;
  /** Texts the service from a phone; returns what that phone received back. */
  smsIn(from: string, body: string): Promise<string[]>;
  /** Writes to the bot from a chat; returns what that chat received back. */
  tgIn(chat: string, text: string): Promise<string[]>;
  /** Drains the outbox, letting the clock pass Telegram's one-message-a-second-per-chat limit. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function startWithChannels(botToken: string, flushRounds = 3): Promise<Channels> {
  const sms = await new FakeTwilio().start();
  const tg = await new FakeTelegramApi().start();
  const s = await startTestService({
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE: sms.url,
    SMS_PER_SECOND: '1000',
    TELEGRAM_BOT_TOKEN: botToken,
    TELEGRAM_API_ROOT: tg.url,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_PER_SECOND: '1000',
    PUBLIC_URL: PUBLIC,
  });
  let n = 0;
  const flush = async () => {
    for (let i = 0; i < flushRounds; i++) {
      await s.outbox.drain();
      s.clock.advance(1100);
    }
  };
  return {
    s,
    sms,
    tg,
    flush,
    async smsIn(from, body) {
      const before = sms.sent.length;
      const params = { MessageSid: `SM${String(++n).padStart(32, '0')}`, AccountSid: `AC${'a'.repeat(32)}`, From: from, To: '+15005550006', Body: body };
      const res = await fetch(`${s.url}/webhooks/twilio/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/webhooks/twilio/sms`, params) },
        body: new URLSearchParams(params).toString(),
      });
      expect(res.status).toBe(200);
      await flush();
      return sms.sent
        .slice(before)
        .filter((m) => m.To === from)
        .map((m) => m.Body);
    },
    async tgIn(chat, text) {
      const before = tg.sent.length;
      const id = 500 + ++n;
      const res = await fetch(`${s.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
        body: JSON.stringify({
          update_id: id,
          message: { message_id: id, date: 1_700_000_000, chat: { id: Number(chat), type: 'private' }, from: { id: Number(chat), is_bot: false, first_name: 'A' }, text },
        }),
      });
      expect(res.status).toBe(200);
      await flush();
      return tg.sent
        .slice(before)
        .filter((m) => m.chat_id === chat)
        .map((m) => m.text);
    },
    async close() {
      await s.close();
      await sms.stop();
      await tg.stop();
    },
  };
}
