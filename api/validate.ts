// Every API route is declared once, as a contract: who may call it and the zod schemas of its path
// parameters, query and body. The same contract mounts the route (auth, then validation, then the
// handler) and is read by openapi.ts, so the published description cannot drift from what is checked.
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { type ZodError, z } from 'zod';
import { HttpError } from '../webhooks/http-error.ts';
import type { Role } from './auth.ts';

/** The largest id the database holds (a 32-bit signed Int in both SQLite and PostgreSQL schemas). */
export const INT_MAX = 2_147_483_647;

/** An id in a JSON body: a whole number the database can hold. */
export const DbId = z.number().int().min(1).max(INT_MAX, 'is not an id (too large)');

/**
 * An id in a path: plain decimal digits only. Number() would also read "0x10", "1e1" and " 1" as
 * ids, so the text is checked before it is converted.
 */
export const IdParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive whole number in plain digits, e.g. 42')
  .transform(Number)
  .pipe(z.number().max(INT_MAX, 'is not an id (too large)'))
  .meta({ description: 'A database id: plain decimal digits, 1 to 2147483647; anything else is a 400.' });

export const IdParams = z.strictObject({ id: IdParam });

/** A count or offset in a query string, plain digits, within what the database can skip. */
export const QueryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9][0-9]{0,9})$/, 'must be a whole number in plain digits')
    .transform(Number)
    .pipe(z.number().min(min).max(max));

// A lone UTF-16 surrogate cannot be stored as UTF-8 (PostgreSQL refuses it, SQLite would keep a
// replacement character); NUL and other control characters break PostgreSQL text or hide in
// displays. Such strings are refused, not repaired: the caller learns which field was wrong.
const LONE_SURROGATE = /\p{Cs}/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Text a person typed: trimmed, bounded, well-formed Unicode, no control characters but line breaks and tabs. */
export const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must have at least ${min} characters`)
    .max(max, `is too long (at most ${max} characters)`)
    .refine((s) => !LONE_SURROGATE.test(s), 'contains a broken character (a lone UTF-16 surrogate)')
    .refine((s) => !CONTROL.test(s), 'contains a control character');

/**
 * A moment with an explicit offset, e.g. "2026-12-14T09:00:00+08:00" (seconds required). The
 * pattern knows month lengths and leap years, so "2026-02-30" is refused rather than rolled over
 * into March as Date would.
 */
export const Instant = z.iso
  .datetime({ offset: true, error: 'must be a real date and time with seconds and an offset, e.g. 2026-12-14T09:00:00+08:00' })
  .transform((s) => new Date(s))
  .meta({ description: 'A real calendar date and time with seconds and an offset (Z or ±hh:mm), e.g. 2026-12-14T09:00:00+08:00.' });

export const TimeZone = z
  .string()
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not a known IANA time zone, e.g. Asia/Shanghai')
  .meta({ description: 'An IANA time zone, e.g. Asia/Shanghai.' });

/** The first problem, naming the field: `buses[0].departsAt: must be a real date …`. */
export function describeError(where: 'path' | 'query' | 'body', err: ZodError): string {
  const issue = err.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const at = issue.path.length ? `${pathOf(issue.path)}: ` : '';
    return `${at}unknown ${where === 'body' ? 'field' : 'parameter'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  }
  const at = issue.path.length ? pathOf(issue.path) : where === 'body' ? 'body' : where;
  return `${at}: ${issue.message}`;
}

const pathOf = (path: PropertyKey[]) => path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${String(p)}` : String(p))).join('');

export interface RouteSpec {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Express form, "/api/postings/:id". */
  path: string;
  roles: readonly Role[];
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body. */
  body?: z.ZodType;
  /** A non-JSON body (a file): its media types, read by the handler itself. */
  fileTypes?: readonly string[];
  responses: Record<number, string>;
}

type Out<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;
export interface Input<S extends RouteSpec> {
  params: Out<S['params']>;
  query: Out<S['query']>;
  body: S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
}

const EMPTY = z.strictObject({});

/**
 * Mounts a route from its contract: the role check first (a caller without a token learns nothing
 * about the input), then path, query and body through their schemas, then the handler with the
 * parsed values. A route without a query schema refuses any query parameter; one with a JSON body
 * refuses other media types with 415.
 */
export function mount<S extends RouteSpec>(
  r: Router,
  gate: (roles: readonly Role[]) => RequestHandler,
  spec: S,
  handler: (req: Request, res: Response, input: Input<S>) => Promise<void>,
  ...before: RequestHandler[]
): void {
  const check = (req: Request, res: Response, next: NextFunction) => {
    const params = (spec.params ?? EMPTY).safeParse({ ...req.params });
    if (!params.success) return next(new HttpError(400, describeError('path', params.error)));
    const query = (spec.query ?? EMPTY).safeParse({ ...(req.query as object) });
    if (!query.success) return next(new HttpError(400, describeError('query', query.error)));
    let body: unknown;
    if (spec.body) {
      // Some parser in front may leave {} for an empty request; an absent body is not an empty object.
      if (!hasBody(req)) return next(new HttpError(400, 'body: required, a JSON object'));
      if (!req.is('application/json')) return next(new HttpError(415, 'send the body as application/json'));
      const parsed = spec.body.safeParse(req.body);
      if (!parsed.success) return next(new HttpError(400, describeError('body', parsed.error)));
      body = parsed.data;
    }
    res.locals.input = { params: params.data, query: query.data, body };
    next();
  };
  r[spec.method](spec.path, gate(spec.roles), check, ...before, (req: Request, res: Response) => handler(req, res, res.locals.input as Input<S>));
}

const hasBody = (req: Request) => req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
