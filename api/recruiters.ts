// Recruiters: candidates for their postings and decisions on them (their own notice channel: api/me.ts).
import { Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import { candidatesFor } from '../recruiters/candidates.ts';
import { DecisionError, decide, STATUSES } from '../recruiters/decisions.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { postingFor } from './postings.ts';
import { IdParams, mount, type RouteSpec } from './validate.ts';

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

  return r;
}
