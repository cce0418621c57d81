// A local stand-in for Twilio's REST API: POST /2010-04-01/Accounts/{sid}/Messages.json records
// what was sent and answers what the test scripted (201, 429, 500, or a Twilio error code).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentSms {
  To: string;
  From?: string;
  MessagingServiceSid?: string;
  Body: string;
  StatusCallback?: string;
  sid: string;
}

export type Scripted = { status: 201 } | { status: 429; retryAfter?: number } | { status: 500 } | { status: 400; code: number; message: string };

export class FakeTwilio {
  readonly sent: SentSms[] = [];
  /** recipient → number of messages received. */
  readonly counts = new Map<string, number>();
  keepBodies = true;
  readonly requests: { path: string; auth: string | undefined }[] = [];
  private script: Scripted[] = [];
  private server!: http.Server;
  url = '';
  private n = 0;

  /** The next answers, in order; after they run out every request gets 201. */
  respond(...answers: Scripted[]): void {
    this.script.push(...answers);
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        if (this.keepBodies) this.requests.push({ path: req.url ?? '', auth: req.headers.authorization });
        const m = /^\/2010-04-01\/Accounts\/(AC\w+)\/Messages\.json$/.exec(req.url ?? '');
        if (req.method !== 'POST' || !m) {
          res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20404, message: 'not found', status: 404 }));
          return;
        }
        const form = Object.fromEntries(new URLSearchParams(data)) as Record<string, string>;
        const next = this.script.shift() ?? { status: 201 };
        if (next.status === 429) {
          res.writeHead(429, { 'content-type': 'application/json', ...(next.retryAfter !== undefined ? { 'retry-after': String(next.retryAfter) } : {}) });
          res.end(JSON.stringify({ code: 20429, message: 'Too Many Requests', status: 429 }));
          return;
        }
        if (next.status === 500) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 20500, message: 'Internal Server Error', status: 500 }));
          return;
        }
        if (next.status === 400) {
          res
            .writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ code: next.code, message: next.message, status: 400, more_info: `https://www.twilio.com/docs/errors/${next.code}` }));
          return;
        }
        const sid = `SM${String(++this.n).padStart(32, '0')}`;
        this.counts.set(form.To, (this.counts.get(form.To) ?? 0) + 1);
        if (this.keepBodies) this.sent.push({ ...(form as unknown as SentSms), sid });
        res.writeHead(201, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            sid,
            account_sid: m[1],
            to: form.To,
            from: form.From ?? null,
            body: form.Body,
            status: 'queued',
            messaging_service_sid: form.MessagingServiceSid ?? null,
          }),
        );
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
