// Staff: inbound updates the service gave up on after repeated failures (a poison update is
// skipped so it cannot block everyone else; this is where it stays visible). Newest first; the
// payload is the update as received, so it holds a worker's message: staff only.
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';

const query = z.object({
  channel: z.string().max(32).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function deadLetterRoutes(deps: { db: Db; clock: Clock }): Router {
  const { db, clock } = deps;
  const r = Router();
  r.get('/api/dead-letters', requireRole(db, clock, 'staff'), async (req, res) => {
    const q = query.safeParse(req.query);
    if (!q.success) throw new HttpError(400, q.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; '));
    const where = { deadAt: { not: null }, ...(q.data.channel ? { channel: q.data.channel } : {}) };
    const [total, rows] = await Promise.all([db.deadLetter.count({ where }), db.deadLetter.findMany({ where, orderBy: [{ deadAt: 'desc' }, { id: 'desc' }], take: q.data.limit })]);
    res.json({
      total,
      deadLetters: rows.map((d) => ({
        id: d.id,
        channel: d.channel,
        providerId: d.providerId,
        attempts: d.attempts,
        error: d.error,
        firstFailedAt: d.createdAt,
        deadAt: d.deadAt,
        payload: parseJson(d.payload),
      })),
    });
  });
  return r;
}

const parseJson = (s: string): unknown => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};
