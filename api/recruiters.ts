// Recruiters: candidates for their postings, decisions on them, and their own notice channel.
import { Router } from 'express';
import { z } from 'zod';
import { toE164 } from '../bot/flows/profile.ts';
import type { Clock } from '../lib/clock.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import { candidatesFor } from '../recruiters/candidates.ts';
import { DecisionError, decide, STATUSES } from '../recruiters/decisions.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { postingFor } from './postings.ts';
import { body, IdParams, mount, type RouteSpec, str } from './validate.ts';

export const RECRUITER_ROUTES = {
  candidates: {
    method: 'get',
    path: '/api/postings/:id/candidates',
    roles: ['staff', 'recruiter'],
    params: IdParams,
    summary: 'Interested and matching workers; phone only with the worker’s consent',
    responses: { 200: '{posting, candidates}' },
  },
  decide: {
    method: 'patch',
    path: '/api/interests/:id',
    roles: ['staff', 'recruiter'],
    params: IdParams,
    body: z.strictObject({ status: z.enum(STATUSES) }),
    summary: 'A decision on a candidate; the worker is told',
    responses: { 200: '{id, status}', 404: 'no such candidate' },
  },
} as const satisfies Record<string, RouteSpec>;

export function recruiterRoutes(deps: { db: Db; clock: Clock; jobs: JobIndex }): Router {
  const { db, clock, jobs } = deps;
  const r = Router();
  const anyone = requireRole(db, clock, 'staff', 'recruiter');

  const gate = (roles: readonly ('staff' | 'recruiter')[]) => requireRole(db, clock, ...roles);

  mount(r, gate, RECRUITER_ROUTES.candidates, async (req, res, { params }) => {
    const p = await postingFor(db, req.user!, params.id);
    res.json({ posting: { id: p.id, title: p.title, employer: p.employer.name }, candidates: await candidatesFor(db, jobs, p.id, clock.now()) });
  });

  mount(r, gate, RECRUITER_ROUTES.decide, async (req, res, { params, body: b }) => {
    try {
      res.json(await decide(db, clock, req.user!, params.id, b.status));
    } catch (e) {
      if (e instanceof DecisionError) throw new HttpError(e.status, e.message);
      throw e;
    }
  });

  r.get('/api/me', anyone, async (req, res) => {
    const u = req.user!;
    res.json({ id: u.id, name: u.name, role: u.role, employerId: u.employerId, telegramChatId: u.telegramChatId, phone: u.phone });
  });

  // Link a Telegram chat or a phone to receive candidate notices.
  r.patch('/api/me', anyone, async (req, res) => {
    const b = body(req.body);
    const tg = str(b, 'telegramChatId', { max: 32 });
    if (tg !== undefined && !/^-?\d{1,20}$/.test(tg)) throw new HttpError(400, '"telegramChatId" must be a numeric chat id');
    const rawPhone = str(b, 'phone', { max: 32 });
    const phone = rawPhone !== undefined ? toE164(rawPhone) : undefined;
    if (rawPhone !== undefined && !phone) throw new HttpError(400, `"phone" ${rawPhone} is not a valid phone number`);
    const u = await db.user.update({ where: { id: req.user!.id }, data: { ...(tg !== undefined ? { telegramChatId: tg } : {}), ...(phone ? { phone } : {}) } });
    res.json({ id: u.id, telegramChatId: u.telegramChatId, phone: u.phone });
  });
  return r;
}
