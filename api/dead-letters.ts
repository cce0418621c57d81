// Staff: inbound updates the service gave up on after repeated failures (a poison update is
// skipped so it cannot block everyone else; this is where it stays visible). Newest first; the
// payload is the update as received, so it holds a worker's message: staff only.
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { requireRole } from './auth.ts';
import { mount, QueryInt, type RouteSpec } from './validate.ts';

export const DEAD_LETTER_ROUTES = {
  list: {
    method: 'get',
    path: '/api/dead-letters',
    roles: ['staff'],
    query: z.strictObject({
      channel: z.enum(['telegram', 'sms', 'web', 'wechat']).optional(),
      limit: QueryInt(1, 500).optional(),
    }),
    summary: 'Inbound updates given up on after repeated failures, newest first',
    responses: { 200: '{total, deadLetters:[{id, channel, providerId, attempts, error, firstFailedAt, deadAt, payload}]}' },
  },
} as const satisfies Record<string, RouteSpec>;

export function deadLetterRoutes(deps: { db: Db; clock: Clock }): Router {
  const { db, clock } = deps;
  const r = Router();
  const gate = (roles: readonly ('staff' | 'recruiter')[]) => requireRole(db, clock, ...roles);
  mount(r, gate, DEAD_LETTER_ROUTES.list, async (_req, res, { query }) => {
    const where = { deadAt: { not: null }, ...(query.channel ? { channel: query.channel } : {}) };
    const [total, rows] = await Promise.all([
      db.deadLetter.count({ where }),
      db.deadLetter.findMany({ where, orderBy: [{ deadAt: 'desc' }, { id: 'desc' }], take: query.limit ?? 100 }),
    ]);
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
