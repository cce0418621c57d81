// The local web chat: the same conversation a worker has on Telegram or SMS, in a browser.
//   POST /api/chat {"user":"<id>","text":"<message>"} → {"replies":[{"text":"…","choices":[…]}]}
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Request, type Response, Router } from 'express';
import type { Engine } from '../../bot/engine.ts';
import type { Reply } from '../../bot/reply.ts';
import type { Db } from '../../prisma/db.ts';
import { HttpError } from '../http-error.ts';

const PAGE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'page.html');
const USER_RE = /^[A-Za-z0-9_.:-]{1,64}$/;

export function webChatRoutes(deps: { engine: Engine; db: Db }): Router {
  const r = Router();
  const page = fs.readFileSync(PAGE, 'utf8');
  r.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(page);
  });

  r.post('/api/chat', async (req: Request, res: Response) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new HttpError(400, 'body must be a JSON object {"user","text"}');
    const { user, text, id, location } = body;
    if (typeof user !== 'string' || !USER_RE.test(user)) throw new HttpError(400, '"user" must be 1-64 characters of A-Z a-z 0-9 _ . : -');
    if (text !== undefined && typeof text !== 'string') throw new HttpError(400, '"text" must be a string');
    if (id !== undefined && (typeof id !== 'string' || id.length > 64)) throw new HttpError(400, '"id" must be a string of at most 64 characters');
    let loc: { lat: number; lng: number } | undefined;
    if (location !== undefined) {
      const l = location as { lat?: unknown; lng?: unknown };
      if (typeof l?.lat !== 'number' || typeof l?.lng !== 'number' || Math.abs(l.lat) > 90 || Math.abs(l.lng) > 180)
        throw new HttpError(400, '"location" must be {"lat": number, "lng": number}');
      loc = { lat: l.lat, lng: l.lng };
    }
    // A client id makes a retried request harmless: the second copy gets no second answer.
    const providerId = `${user}:${id ?? crypto.randomUUID()}`;
    const stored = await deps.db.inboundMessage.createMany({ data: [{ channel: 'web', providerId, text: (text ?? '').slice(0, 4096) }] }).catch((e: unknown) => {
      if ((e as { code?: string }).code === 'P2002') return { count: 0 };
      throw e;
    });
    if (stored.count === 0) {
      res.json({ replies: [], duplicate: true });
      return;
    }
    const { replies } = await deps.engine.handle({ channel: 'web', address: user, text: text ?? '', location: loc });
    res.json({ replies: replies.map(toWire) });
  });
  // Reminders and notices for a web user, newer than the last one the page has seen.
  r.get('/api/chat/messages', async (req: Request, res: Response) => {
    const user = String(req.query.user ?? '');
    const after = Number(req.query.after ?? 0);
    if (!USER_RE.test(user)) throw new HttpError(400, '"user" must be 1-64 characters of A-Z a-z 0-9 _ . : -');
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, '"after" must be a message id');
    const rows = await deps.db.outboundMessage.findMany({
      where: { channel: 'web', recipient: user, state: 'sent', kind: { not: 'reply' }, id: { gt: after } },
      orderBy: { id: 'asc' },
      take: 20,
    });
    res.json({ messages: rows.map((m) => ({ id: m.id, text: m.body })) });
  });
  return r;
}

function toWire(r: Reply) {
  return {
    text: r.text,
    ...(r.choices?.length ? { choices: r.choices } : {}),
    ...(r.requestLocation ? { requestLocation: true } : {}),
  };
}
