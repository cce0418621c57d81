// A local stand-in for the Telegram Bot API's sendMessage (and answerCallbackQuery): records
// what was sent and answers what a test scripted (ok, 429 with retry_after, 403, 500). It also
// serves getUpdates as Telegram does: every update with update_id >= offset, again and again
// until the offset moves past it; with scripted errors (401, 409, 429, 500) first.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type TgScripted = { ok: true } | { code: 429; retryAfter: number } | { code: 403 } | { code: 400 } | { code: 500 };
export type TgPollScripted = { code: 401 } | { code: 409 } | { code: 429; retryAfter: number } | { code: 500 };

export class FakeTelegramApi {
  /** chat id → number of messages received (cheap enough for 100,000 chats). */
  readonly counts = new Map<string, number>();
  readonly sent: { chat_id: string; text: string; reply_markup?: unknown }[] = [];
  readonly answeredCallbacks: string[] = [];
  keepBodies = true;
  /** Every getUpdates call: its offset, when it arrived (performance.now()) and the update ids it got. */
  readonly polls: { offset: number; at: number; served: number[] }[] = [];
  private readonly updates: { update_id: number }[] = [];
  private pollScript: TgPollScripted[] = [];
  private script: TgScripted[] = [];
  private server!: http.Server;
  url = '';
  private n = 0;

  respond(...answers: TgScripted[]): void {
    this.script.push(...answers);
  }

  /** Answers for the next getUpdates calls, before updates are served again. */
  respondToPolling(...answers: TgPollScripted[]): void {
    this.pollScript.push(...answers);
  }

  /** Updates for getUpdates to serve. */
  pushUpdate(...updates: { update_id: number }[]): void {
    this.updates.push(...updates);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const m = /^\/bot[^/]+\/(\w+)$/.exec(req.url ?? '');
        const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        if (!m) return reply(404, { ok: false, error_code: 404, description: 'Not Found' });
        const body = data ? JSON.parse(data) : {};
        if (m[1] === 'answerCallbackQuery') {
          this.answeredCallbacks.push(String(body.callback_query_id));
          return reply(200, { ok: true, result: true });
        }
        if (m[1] === 'getMe') return reply(200, { ok: true, result: { id: 123456, is_bot: true, first_name: 'Test', username: 'test_bot' } });
        if (m[1] === 'getUpdates') {
          const poll = { offset: Number(body.offset ?? 0), at: performance.now(), served: [] as number[] };
          this.polls.push(poll);
          const next = this.pollScript.shift();
          if (next?.code === 401) return reply(401, { ok: false, error_code: 401, description: 'Unauthorized' });
          if (next?.code === 409)
            return reply(409, { ok: false, error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' });
          if (next?.code === 429)
            return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${next.retryAfter}`, parameters: { retry_after: next.retryAfter } });
          if (next?.code === 500) return reply(500, {});
          const result = this.updates.filter((u) => u.update_id >= poll.offset).slice(0, 100);
          poll.served = result.map((u) => u.update_id);
          return reply(200, { ok: true, result });
        }
        if (m[1] !== 'sendMessage') return reply(200, { ok: true, result: true });
        const next = this.script.shift() ?? { ok: true };
        if ('code' in next) {
          if (next.code === 500) return reply(500, {});
          if (next.code === 429)
            return reply(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${next.retryAfter}`, parameters: { retry_after: next.retryAfter } });
          if (next.code === 403) return reply(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
          return reply(400, { ok: false, error_code: 400, description: 'Bad Request: chat not found' });
        }
        const chat = String(body.chat_id);
        this.counts.set(chat, (this.counts.get(chat) ?? 0) + 1);
        if (this.keepBodies) this.sent.push({ chat_id: chat, text: body.text, reply_markup: body.reply_markup });
        reply(200, { ok: true, result: { message_id: ++this.n, chat: { id: Number(chat), type: 'private' }, date: Math.floor(Date.now() / 1000), text: body.text } });
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
