// Staff answer workers who asked for a person (or whom the chat did not understand): the open
// hand-overs with the conversation so far, a reply that goes to the worker's own channel, and
// closing. The conversation is a worker's words: staff only, recruiters get 403.
import type { Handover } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import { HANDOVER_STATUSES, HandoverClosedError, type Handovers, MAX_REPLY, type TranscriptLine } from '../handover/handovers.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { type Role, requireRole } from './auth.ts';
import { IdParams, mount, QueryInt, type RouteSpec, text } from './validate.ts';

export const HandoverList = z.strictObject({
  status: z.enum(HANDOVER_STATUSES).optional().meta({ description: 'Default: open and answered.' }),
  limit: QueryInt(1, 200).optional(),
});

export const HandoverReplyBody = z.strictObject({ text: text(MAX_REPLY, 1) });

const STAFF = ['staff'] as const satisfies Role[];

export const HANDOVER_ROUTES = {
  list: {
    method: 'get',
    path: '/api/handovers',
    roles: STAFF,
    query: HandoverList,
    summary: 'Staff: hand-overs, newest first (default open and answered), each with the last 20 messages',
    responses: {
      200: '{handovers:[{id, workerId, channel, address, status, reason, lastText, createdAt, updatedAt, closedAt, messages:[{from: worker|bot|staff, text, at}]}]}',
    },
  },
  reply: {
    method: 'post',
    path: '/api/handovers/:id/reply',
    roles: STAFF,
    params: IdParams,
    body: HandoverReplyBody,
    summary: 'Staff: answer the worker (sent to their channel through the outbox; the hand-over becomes answered)',
    responses: { 200: '{handover, replyId, outboundId}', 404: 'no such hand-over', 409: 'the hand-over is closed' },
  },
  close: {
    method: 'post',
    path: '/api/handovers/:id/close',
    roles: STAFF,
    params: IdParams,
    summary: 'Staff: close a hand-over',
    responses: { 200: 'handover', 404: 'no such hand-over' },
  },
} as const satisfies Record<string, RouteSpec>;

const view = (h: Handover, messages?: TranscriptLine[]) => ({
  id: h.id,
  workerId: h.workerId,
  channel: h.channel,
  address: h.address,
  status: h.status,
  reason: h.reason,
  lastText: h.lastText,
  createdAt: h.createdAt,
  updatedAt: h.updatedAt,
  closedAt: h.closedAt,
  ...(messages ? { messages } : {}),
});

export function handoverRoutes(deps: { db: Db; clock: Clock; handovers: Handovers }): Router {
  const { db, clock, handovers } = deps;
  const r = Router();
  const gate = (roles: readonly Role[]) => requireRole(db, clock, ...roles);
  const H = HANDOVER_ROUTES;

  mount(r, gate, H.list, async (_req, res, { query }) => {
    const rows = await handovers.list(query.status ? [query.status] : ['open', 'answered'], query.limit ?? 50);
    res.json({ handovers: rows.map((h) => view(h, h.messages)) });
  });

  mount(r, gate, H.reply, async (req, res, { params: { id }, body }) => {
    let sent: Awaited<ReturnType<Handovers['reply']>>;
    try {
      sent = await handovers.reply(id, req.user!.id, body.text);
    } catch (e) {
      if (e instanceof HandoverClosedError) throw new HttpError(409, 'the hand-over is closed');
      throw e;
    }
    if (!sent) throw new HttpError(404, 'no such hand-over');
    res.json({ handover: view(await db.handover.findUniqueOrThrow({ where: { id } })), ...sent });
  });

  mount(r, gate, H.close, async (_req, res, { params: { id } }) => {
    const h = await handovers.close(id);
    if (!h) throw new HttpError(404, 'no such hand-over');
    res.json(view(h));
  });
  return r;
}
