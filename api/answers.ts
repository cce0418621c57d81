// Staff keep the programme's knowledge base: short answers the chat gives when a worker asks about
// subsidies, training, the stations away from home or unpaid wages (knowledge/answers.ts finds
// them). One by one here, or a whole spreadsheet through the import. Staff only: recruiters get 403.
import type { ProgrammeAnswer } from '@prisma/client';
import express, { type Request, Router } from 'express';
import { z } from 'zod';
import { importAnswers, MAX_ANSWERS_FILE_BYTES, parseAnswersCsv } from '../knowledge/import.ts';
import { AnswerFields, AnswerInput, answerLength, cleanKeywords } from '../knowledge/rules.ts';
import { parseKeywords } from '../knowledge/answers.ts';
import type { Clock } from '../lib/clock.ts';
import { ImportFileError, kindOf } from '../postings/parse-file.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { type Role, requireRole } from './auth.ts';
import { IdParams, mount, type RouteSpec } from './validate.ts';

/** Absent fields stay as they are; keywords given replace the list. */
export const AnswerPatch = z.strictObject({ topic: AnswerFields.topic.optional(), keywords: AnswerFields.keywords.optional(), answer: AnswerFields.answer.optional() });

const STAFF = ['staff'] as const satisfies Role[];

export const ANSWER_ROUTES = {
  list: {
    method: 'get',
    path: '/api/answers',
    roles: STAFF,
    summary: 'Staff: the programme knowledge base',
    responses: { 200: '{answers:[{id, topic, keywords, answer, length, createdAt, updatedAt}]}' },
  },
  create: {
    method: 'post',
    path: '/api/answers',
    roles: STAFF,
    body: AnswerInput,
    summary: 'Staff: add an answer (≤ 50 characters, spaces not counted, with a phone number or a place to go)',
    responses: { 201: 'answer', 409: 'the topic exists' },
  },
  import: {
    method: 'post',
    path: '/api/answers/import',
    roles: STAFF,
    fileTypes: ['text/csv'],
    summary: 'Staff: import a CSV file (columns topic, keywords, answer; keywords separated by 、 , or spaces), ≤ 1 MB, UTF-8; upserts by topic',
    responses: { 200: '{created, updated, unchanged, rejected, problems:[{line, reason}]}', 415: 'not a CSV file', 422: 'no row could be used' },
  },
  patch: {
    method: 'patch',
    path: '/api/answers/:id',
    roles: STAFF,
    params: IdParams,
    body: AnswerPatch,
    summary: 'Staff: change an answer',
    responses: { 200: 'answer', 404: 'no such answer', 409: 'another answer has this topic' },
  },
  remove: { method: 'delete', path: '/api/answers/:id', roles: STAFF, params: IdParams, summary: 'Staff: delete an answer', responses: { 204: 'deleted', 404: 'no such answer' } },
} as const satisfies Record<string, RouteSpec>;

const view = (a: ProgrammeAnswer) => ({
  id: a.id,
  topic: a.topic,
  keywords: parseKeywords(a.keywords),
  answer: a.answer,
  length: answerLength(a.answer),
  createdAt: a.createdAt,
  updatedAt: a.updatedAt,
});

export function answerRoutes(deps: { db: Db; clock: Clock }): Router {
  const { db, clock } = deps;
  const r = Router();
  const gate = (roles: readonly Role[]) => requireRole(db, clock, ...roles);
  const A = ANSWER_ROUTES;

  const topicFree = async (topic: string, except?: number) => {
    const other = await db.programmeAnswer.findUnique({ where: { topic } });
    if (other && other.id !== except) throw new HttpError(409, `topic: “${topic}” exists (id ${other.id}); change that one with PATCH /api/answers/${other.id}`);
  };
  /** A clash that slipped between the check and the write (two staff at once) is a 409 too. */
  const clashAs409 = (topic: string) => (e: unknown) => {
    if ((e as { code?: string }).code === 'P2002') throw new HttpError(409, `topic: “${topic}” exists`);
    throw e;
  };

  mount(r, gate, A.list, async (_req, res) => {
    res.json({ answers: (await db.programmeAnswer.findMany({ orderBy: { id: 'asc' } })).map(view) });
  });

  mount(r, gate, A.create, async (_req, res, { body: b }) => {
    await topicFree(b.topic);
    const row = await db.programmeAnswer.create({ data: { topic: b.topic, keywords: JSON.stringify(cleanKeywords(b.keywords)), answer: b.answer } }).catch(clashAs409(b.topic));
    res.status(201).json(view(row));
  });

  // Before /:id, in the order the other routers keep.
  mount(
    r,
    gate,
    A.import,
    async (req: Request, res) => {
      if (!Buffer.isBuffer(req.body) || kindOf(req.get('content-type') ?? '') !== 'csv') throw new HttpError(415, 'send the file as text/csv');
      let parsed: ReturnType<typeof parseAnswersCsv>;
      try {
        parsed = parseAnswersCsv(new Uint8Array(req.body));
      } catch (e) {
        if (e instanceof ImportFileError) throw new HttpError(e.status, e.message);
        throw e;
      }
      const report = await importAnswers(db, parsed.rows, parsed.problems);
      res.status(report.rejected && !report.created && !report.updated && !report.unchanged ? 422 : 200).json(report);
    },
    express.raw({ type: () => true, limit: MAX_ANSWERS_FILE_BYTES }),
  );

  mount(r, gate, A.patch, async (_req, res, { params: { id }, body: b }) => {
    const old = await db.programmeAnswer.findUnique({ where: { id } });
    if (!old) throw new HttpError(404, 'no such answer');
    if (b.topic !== undefined) await topicFree(b.topic, id);
    const row = await db.programmeAnswer
      .update({
        where: { id },
        data: {
          topic: b.topic ?? old.topic,
          keywords: b.keywords ? JSON.stringify(cleanKeywords(b.keywords)) : old.keywords,
          answer: b.answer ?? old.answer,
        },
      })
      .catch(clashAs409(b.topic ?? old.topic));
    res.json(view(row));
  });

  mount(r, gate, A.remove, async (_req, res, { params: { id } }) => {
    const { count } = await db.programmeAnswer.deleteMany({ where: { id } });
    if (!count) throw new HttpError(404, 'no such answer');
    res.status(204).end();
  });
  return r;
}
