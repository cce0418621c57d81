// The local web chat: the same conversation a worker has on Telegram or SMS, in a browser.
//   POST /api/chat {"text":"<message>","id":"<client id>","menu":<n>?}
//     → {"replies":[{"text":"…","choices":[{id,label}]?,"menu":<n>?,"cards":[JobCard]?,"requestLocation":true?}]}
// A tapped button sends its choice's id as the text and its reply's menu number as "menu", so the
// engine can tell a tap on an outdated menu from a fresh one.
// Who is talking is the server's to say (session.ts): a signed HttpOnly cookie, issued on the
// first message, is the only key to a conversation, its notices and its deletion.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Engine } from '../../bot/engine.ts';
import type { Reply } from '../../bot/reply.ts';
import type { Clock } from '../../lib/clock.ts';
import { forgottenFields, isEphemeral } from '../../delivery/kinds.ts';
import type { Db } from '../../prisma/db.ts';
import { HttpError } from '../http-error.ts';
import { receiveInbound } from '../inbound.ts';
import { clientKey, type NewSessionLimiter } from './new-session-limit.ts';
import type { WebSessions } from './session.ts';

const PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.html');
/** No ":" in a client id: reply keys are "reply:web:<address>:<id>:<n>" and must split one way. */
const CLIENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const DEV_USER = /^[A-Za-z0-9_.-]{1,64}$/;
/** Message ids are 32-bit integers on PostgreSQL: a larger "after" is refused, not sent to the database. */
const MAX_ID = 2_147_483_647;
const MENU_ERROR = `must be the menu number of the reply whose button was tapped (a whole number 0-${MAX_ID})`;

const ChatBody = z.object({
  // Only in development mode (WEB_CHAT_DEV_USERS) does this pick the identity; otherwise ignored.
  user: z.unknown().optional(),
  text: z.string({ error: 'must be a string' }).optional(),
  id: z.string({ error: 'must be a string' }).regex(CLIENT_ID, { error: 'must be 1-64 characters of A-Z a-z 0-9 _ . -' }).optional(),
  /** Sent with a tapped button: the menu number its message carried (an older one is outdated). */
  menu: z.number({ error: MENU_ERROR }).int({ error: MENU_ERROR }).min(0, { error: MENU_ERROR }).max(MAX_ID, { error: MENU_ERROR }).optional(),
  location: z
    .object(
      {
        lat: z.number({ error: 'must be a number' }).min(-90).max(90),
        lng: z.number({ error: 'must be a number' }).min(-180).max(180),
      },
      { error: 'must be {"lat": number, "lng": number}' },
    )
    .optional(),
});

const MessagesQuery = z.object({
  user: z.unknown().optional(),
  after: z
    .string({ error: 'must be one message id' })
    .regex(/^\d{1,10}$/, { error: 'must be a message id (a whole number ≥ 0)' })
    .transform(Number)
    .refine((n) => n <= MAX_ID, { error: 'must be a message id (a whole number ≥ 0)' })
    .optional(),
});

export interface WebChatDeps {
  engine: Engine;
  db: Db;
  clock: Clock;
  sessions: WebSessions;
  /** Brakes how many new identities one client address may start. */
  newSessions: NewSessionLimiter;
  /** Development only: a "user" in the body or query names the identity (dev-<user>). */
  devUsers?: boolean;
}

export function webChatRoutes(deps: WebChatDeps): Router {
  const r = Router();
  const page = fs.readFileSync(PAGE, 'utf8');
  r.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page);
  });

  r.post('/api/chat', async (req: Request, res: Response) => {
    const body = parse(ChatBody, req.body ?? null);
    const address = devUser(deps, body.user) ?? session(deps, req, res);
    // The same path as every channel: the message is stored, answered into the outbox under keys
    // derived from its id, then marked handled. The HTTP answer is read back from the outbox, so a
    // retry with the same id after a failure is answered, and after a success answered the same.
    const providerId = `${address}:${body.id ?? crypto.randomUUID()}`;
    const text = wellFormed(body.text ?? '');
    const outcome = await receiveInbound(
      { db: deps.db, clock: deps.clock, engine: deps.engine },
      { channel: 'web', address, text, location: body.location, providerId, ...(body.menu !== undefined ? { menu: body.menu } : {}) },
      renderWeb,
    );
    if (outcome === 'duplicate') {
      const row = await deps.db.inboundMessage.findUnique({ where: { channel_providerId: { channel: 'web', providerId } } });
      if (row && !row.handledAt) throw new HttpError(409, '上一条消息还在处理，请稍后再发 / the same message is still being handled; retry shortly');
    }
    res.json({ replies: await storedReplies(deps, providerId) });
  });

  // Reminders and notices for this session, newer than the last one the page has seen.
  r.get('/api/chat/messages', async (req: Request, res: Response) => {
    const q = parse(MessagesQuery, req.query);
    const address = devUser(deps, q.user) ?? deps.sessions.read(req);
    // No session, nothing to read: no one else's notices, and no identity made for a look.
    if (!address) {
      res.json({ messages: [] });
      return;
    }
    const rows = await deps.db.outboundMessage.findMany({
      where: { channel: 'web', recipient: address, state: 'sent', kind: { not: 'reply' }, id: { gt: q.after ?? 0 } },
      orderBy: { id: 'asc' },
      take: 20,
    });
    res.json({ messages: rows.map((m) => ({ id: m.id, text: m.body })) });
  });
  return r;
}

/** The identity the cookie proves, or a new one (rate-limited per client address) with its cookie. */
function session(deps: WebChatDeps, req: Request, res: Response): string {
  const known = deps.sessions.read(req);
  if (known) {
    deps.sessions.write(req, res, known); // renews its lifetime
    return known;
  }
  const slot = deps.newSessions.take(clientKey(req.ip));
  if (!slot.ok) {
    const minutes = Math.ceil(slot.retryAfterMs / 60_000);
    res.set('Retry-After', String(Math.ceil(slot.retryAfterMs / 1000)));
    throw new HttpError(429, `新对话开得太多，请${minutes}分钟后再试 / too many new chat sessions from this address; try again in ${minutes} min`);
  }
  const address = deps.sessions.create();
  deps.sessions.write(req, res, address);
  return address;
}

function devUser(deps: WebChatDeps, user: unknown): string | null {
  if (!deps.devUsers || user === undefined) return null;
  if (typeof user !== 'string' || !DEV_USER.test(user)) throw new HttpError(400, '"user" must be 1-64 characters of A-Z a-z 0-9 _ . -');
  // Its own namespace: a development name can never be a session's identity.
  return `dev-${user}`;
}

/** The replies stored for one inbound message, in order, as the browser gets them; delivered by this answer. */
async function storedReplies(deps: WebChatDeps, providerId: string) {
  const prefix = `reply:web:${providerId}:`;
  const rows = (await deps.db.outboundMessage.findMany({ where: { idempotencyKey: { startsWith: prefix } } }))
    .map((row) => ({ row, n: /^\d+$/.test(row.idempotencyKey.slice(prefix.length)) ? Number(row.idempotencyKey.slice(prefix.length)) : -1 }))
    .filter((x) => x.n >= 0)
    .sort((a, b) => a.n - b.n)
    .map((x) => x.row);
  // The browser has them now: the outbox has nothing left to send (the web sender would only mark them sent).
  const queued = rows.filter((m) => m.state === 'queued');
  const sent = { state: 'sent', sentAt: deps.clock.now(), providerId: 'web-response' };
  const plain = queued.filter((m) => !isEphemeral(m.kind)).map((m) => m.id);
  if (plain.length) await deps.db.outboundMessage.updateMany({ where: { id: { in: plain }, state: 'queued' }, data: sent });
  // A deletion's confirmation is not kept once it has been given, here as on other channels.
  for (const m of queued.filter((q) => isEphemeral(q.kind)))
    await deps.db.outboundMessage.updateMany({ where: { id: m.id, state: 'queued' }, data: { ...sent, ...forgottenFields(m.id) } });
  return rows.map((m) => ({ text: m.body, ...(JSON.parse(m.payload) as Record<string, unknown>) }));
}

function renderWeb(r: Reply) {
  return [
    {
      body: r.text,
      payload: {
        ...(r.choices?.length ? { choices: r.choices } : {}),
        ...(r.menu !== undefined ? { menu: r.menu } : {}),
        ...(r.cards?.length ? { cards: r.cards } : {}),
        ...(r.requestLocation ? { requestLocation: true } : {}),
      },
    },
  ];
}

/** Lone UTF-16 surrogates (which no database stores) become U+FFFD; NUL, which PostgreSQL refuses in text, is dropped. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').replaceAll('\u0000', '');
}

function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? `"${issue.path.join('.')}" ` : 'body ';
  throw new HttpError(400, `${where}${issue.path.length ? issue.message : 'must be a JSON object {"text", "id"}'}`);
}
