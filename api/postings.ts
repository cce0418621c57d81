// Postings through the API: staff see and change all, a recruiter only their employer's.
// Bulk import (CSV or JSON Lines) is for staff; rows that cannot be used come back with line
// numbers and reasons, the rest are imported, and the same file twice creates no duplicates.

import crypto from 'node:crypto';
import type { User } from '@prisma/client';
import express, { type Request, Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../lib/clock.ts';
import { toBytes } from '../matching/embed/embedder.ts';
import type { PostingReader } from '../matching/reader.ts';
import { JOB_TYPES, type JobType, type RawPosting } from '../matching/types.ts';
import { nextPostingChange } from '../postings/changes.ts';
import { importPostings } from '../postings/import.ts';
import type { JobIndex } from '../postings/job-index.ts';
import { ImportFileError, kindOf, MAX_IMPORT_BYTES, parseImportFile } from '../postings/parse-file.ts';
import { featureColumns, rawColumns } from '../postings/store.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { IdParams, mount, QueryInt, type RouteSpec, text } from './validate.ts';

export interface PostingApiDeps {
  db: Db;
  clock: Clock;
  jobs: JobIndex;
  reader: PostingReader;
  /** Called after postings were added or changed (job alerts for workers). */
  onNewPostings?: (ids: number[]) => Promise<void>;
}

/** The posting, if the user may see it: 404 when it does not exist, 403 when it is another employer's. */
export async function postingFor(db: Db, user: User, id: number) {
  const p = await db.posting.findUnique({ where: { id }, include: { employer: true } });
  if (!p) throw new HttpError(404, 'no such posting');
  if (user.role === 'recruiter' && p.employerId !== user.employerId) throw new HttpError(403, 'this posting belongs to another employer');
  return p;
}

const view = (p: {
  id: number;
  externalId: string;
  employer: { name: string };
  title: string;
  description: string;
  location: string;
  wageText: string;
  type: string;
  status: string;
  occupationName: string | null;
  city: string | null;
  county: string | null;
  town: string | null;
  monthlyMin: number | null;
  monthlyMax: number | null;
  jobType: string | null;
  headcount: number | null;
}) => ({
  id: p.id,
  externalId: p.externalId,
  employer: p.employer.name,
  title: p.title,
  description: p.description,
  location: p.location,
  wageText: p.wageText,
  type: p.type,
  status: p.status,
  headcount: p.headcount,
  understood: { occupation: p.occupationName, city: p.city, county: p.county, town: p.town, monthlyMin: p.monthlyMin, monthlyMax: p.monthlyMax, jobType: p.jobType },
});

// The raw fields a caller may set. Bounds are generous for real postings (the longest in the
// development set is far below them) and keep one posting well inside the 16 kB body limit.
const fields = {
  title: text(100, 1),
  description: text(2000),
  location: text(200),
  wage_text: text(100),
  type: z.enum(JOB_TYPES as [JobType, ...JobType[]]),
  benefits: z.array(text(30, 1)).max(20),
  headcount: z.number().int().min(0).max(100_000).nullable(),
  requirements: text(1000),
};

/** An external id given through the API: no ":" so it cannot pose as an employer-namespaced id. */
const ExternalId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'must be 1–64 letters, digits, ".", "_" or "-"')
  .optional();

export const PostingCreate = z.strictObject({
  id: ExternalId,
  employer: text(100, 1).optional(),
  title: fields.title,
  description: fields.description.optional(),
  location: fields.location.optional(),
  wage_text: fields.wage_text.optional(),
  type: fields.type.optional(),
  benefits: fields.benefits.optional(),
  headcount: fields.headcount.optional(),
  requirements: fields.requirements.optional(),
});

// The same fields as a creation, each optional; the id and employer stay as they are.
export const PostingPatch = PostingCreate.omit({ id: true, employer: true }).partial();

export const PostingList = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  limit: QueryInt(1, 200).optional(),
  offset: QueryInt(0, 2_147_483_647).optional(),
});

const BOTH = ['staff', 'recruiter'] as const;

export const POSTING_ROUTES = {
  list: {
    method: 'get',
    path: '/api/postings',
    roles: BOTH,
    query: PostingList,
    summary: 'List postings (a recruiter sees their employer’s only)',
    responses: { 200: '{total, postings}' },
  },
  get: {
    method: 'get',
    path: '/api/postings/:id',
    roles: BOTH,
    params: IdParams,
    summary: 'One posting with what the matcher understood',
    responses: { 200: 'posting', 404: 'no such posting' },
  },
  create: {
    method: 'post',
    path: '/api/postings',
    roles: BOTH,
    body: PostingCreate,
    summary:
      'Create a posting. Staff name the employer; a recruiter’s posting is always their employer’s, and its id is stored as "e<employerId>:<id>" so ids of different employers never meet.',
    responses: { 201: 'posting', 409: 'a posting with this id exists' },
  },
  patch: { method: 'patch', path: '/api/postings/:id', roles: BOTH, params: IdParams, body: PostingPatch, summary: 'Change raw fields', responses: { 200: 'posting' } },
  close: { method: 'post', path: '/api/postings/:id/close', roles: BOTH, params: IdParams, summary: 'Close a posting', responses: { 200: 'posting' } },
  import: {
    method: 'post',
    path: '/api/postings/import',
    roles: ['staff'],
    query: z.strictObject({ format: z.enum(['csv', 'jsonl']).optional() }),
    fileTypes: ['text/csv', 'application/x-ndjson'],
    summary: 'Staff: import a CSV (text/csv) or JSON Lines (application/x-ndjson) file, ≤ 20 MB, UTF-8; ?format= overrides the media type',
    responses: { 200: '{created, updated, unchanged, rejected, problems:[{line, reason}]}', 415: 'not a CSV or JSON Lines file', 422: 'no row could be used' },
  },
} as const satisfies Record<string, RouteSpec>;

export function postingRoutes(deps: PostingApiDeps): Router {
  const { db, clock, jobs, reader } = deps;
  const r = Router();
  const gate = (roles: readonly ('staff' | 'recruiter')[]) => requireRole(db, clock, ...roles);
  const R = POSTING_ROUTES;

  mount(r, gate, R.list, async (req, res, { query }) => {
    const user = req.user!;
    const where = { ...(user.role === 'recruiter' ? { employerId: user.employerId ?? -1 } : {}), ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await Promise.all([
      db.posting.findMany({ where, include: { employer: true }, orderBy: { id: 'asc' }, take: query.limit ?? 50, skip: query.offset ?? 0 }),
      db.posting.count({ where }),
    ]);
    res.json({ total, postings: rows.map(view) });
  });

  // Before /:id would see "import" as an id (and answer 400 for it).
  mount(
    r,
    gate,
    R.import,
    async (req: Request, res, { query }) => {
      // The JSON parser in front of every route has already consumed a JSON body: not a file.
      if (!Buffer.isBuffer(req.body)) throw new HttpError(415, 'send the file as text/csv or application/x-ndjson (or ?format=csv|jsonl), not as JSON');
      const kind = kindOf(query.format ?? req.get('content-type') ?? '');
      if (!kind) throw new HttpError(415, 'send the file as text/csv or application/x-ndjson (or ?format=csv|jsonl)');
      let parsed: ReturnType<typeof parseImportFile>;
      try {
        parsed = parseImportFile(new Uint8Array(req.body), kind);
      } catch (e) {
        if (e instanceof ImportFileError) throw new HttpError(e.status, e.message);
        throw e;
      }
      const report = await importPostings(db, reader, parsed.rows);
      for (const row of report.rows) await jobs.put(row);
      await deps.onNewPostings?.(report.createdIds);
      const problems = [...parsed.problems, ...report.problems].sort((a, b) => a.line - b.line);
      res.status(problems.length && !report.created && !report.updated && !report.unchanged ? 422 : 200).json({
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        rejected: problems.length,
        problems,
      });
    },
    express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }),
  );

  mount(r, gate, R.get, async (req, res, { params }) => {
    res.json(view(await postingFor(db, req.user!, params.id)));
  });

  mount(r, gate, R.create, async (req, res, { body: b }) => {
    const user = req.user!;
    let employer = b.employer;
    let externalId = b.id ?? `api-${user.id}-${clock.now().getTime()}-${crypto.randomBytes(3).toString('hex')}`;
    if (user.role === 'recruiter') {
      const e = await db.employer.findUnique({ where: { id: user.employerId ?? -1 } });
      if (!e) throw new HttpError(403, 'your account has no employer');
      if (employer !== undefined && employer !== e.name) throw new HttpError(400, 'employer: a recruiter’s postings are always their own employer’s; leave it out');
      employer = e.name;
      // External ids are unique across all employers. Namespacing a recruiter's ids by employer
      // means their "P0372" never meets another employer's, so a 409 only ever speaks of their own.
      externalId = `e${e.id}:${externalId}`;
    } else if (!employer) throw new HttpError(400, 'employer: required');
    const raw = { ...b, id: externalId, employer };
    if (await db.posting.findUnique({ where: { externalId } })) throw new HttpError(409, `a posting with id ${externalId} exists; use PATCH`);
    const report = await importPostings(db, reader, [{ line: 1, value: raw }]);
    if (report.problems.length) throw new HttpError(400, report.problems[0].reason);
    for (const row of report.rows) await jobs.put(row);
    await deps.onNewPostings?.(report.rows.map((p) => p.id));
    res.status(201).json(view(report.rows[0]));
  });

  mount(r, gate, R.patch, async (req, res, { params, body: b }) => {
    const old = await postingFor(db, req.user!, params.id);
    const raw: RawPosting = {
      id: old.externalId,
      employer: old.employer.name,
      title: b.title ?? old.title,
      description: b.description ?? old.description,
      location: b.location ?? old.location,
      wage_text: b.wage_text ?? old.wageText,
      type: b.type ?? old.type,
      benefits: b.benefits ?? (JSON.parse(old.benefits) as string[]),
      headcount: b.headcount === undefined ? old.headcount : b.headcount,
      requirements: b.requirements ?? old.requirements,
    };
    const [read] = await reader.read([raw]);
    const row = await db.$transaction(async (tx) =>
      tx.posting.update({
        where: { id: old.id },
        data: {
          changeSeq: await nextPostingChange(tx),
          ...rawColumns(raw),
          ...featureColumns(read.features),
          embedding: read.vector ? toBytes(read.vector) : null,
          embeddingModel: read.vector ? reader.embedder!.id : null,
        },
        include: { employer: true },
      }),
    );
    await jobs.put(row);
    res.json(view(row));
  });

  mount(r, gate, R.close, async (req, res, { params }) => {
    const old = await postingFor(db, req.user!, params.id);
    const row = await db.$transaction(async (tx) =>
      tx.posting.update({ where: { id: old.id }, data: { status: 'closed', changeSeq: await nextPostingChange(tx) }, include: { employer: true } }),
    );
    jobs.remove(row.id);
    res.json(view(row));
  });
  return r;
}
