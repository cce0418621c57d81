// GET /api/openapi.json: the OpenAPI description, generated from the route contracts — the very
// zod schemas that check each request — so the document says what the server enforces.
import { Router } from 'express';
import { type ZodType, z } from 'zod';
import { ANSWER_ROUTES } from './answers.ts';
import { DEAD_LETTER_ROUTES } from './dead-letters.ts';
import { FAIR_ROUTES } from './fairs.ts';
import { HANDOVER_ROUTES } from './handovers.ts';
import { ME_ROUTES } from './me.ts';
import { POSTING_ROUTES } from './postings.ts';
import { RECRUITER_ROUTES } from './recruiters.ts';
import { STATS_ROUTES } from './stats.ts';
import type { RouteSpec } from './validate.ts';

const CONTRACTS: Record<string, RouteSpec>[] = [POSTING_ROUTES, RECRUITER_ROUTES, ME_ROUTES, FAIR_ROUTES, STATS_ROUTES, DEAD_LETTER_ROUTES, ANSWER_ROUTES, HANDOVER_ROUTES];

type Json = Record<string, unknown>;

const schemaOf = (s: ZodType): Json => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', target: 'openapi-3.0' }) as Json;
  return rest;
};

const ERROR = { $ref: '#/components/schemas/Error' };
const err = (description: string) => ({ description, content: { 'application/json': { schema: ERROR } } });

function parameters(where: 'path' | 'query', s: ZodType | undefined) {
  if (!s) return [];
  const js = schemaOf(s) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, schema]) => ({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema }));
}

function operation(spec: RouteSpec): Json {
  const responses: Json = {};
  for (const [status, description] of Object.entries(spec.responses)) responses[status] = Number(status) < 300 ? { description } : err(description);
  const validated = spec.params || spec.query || spec.body;
  if (validated) responses['400'] ??= err('input refused by its schema; the reason names the field');
  responses['401'] = err('missing, unknown or expired bearer token');
  responses['403'] = err(`needs the role ${spec.roles.join(' or ')}`);
  if (spec.body || spec.fileTypes) responses['415'] = err('wrong media type');
  if (spec.body || spec.fileTypes) responses['413'] = err('body too large');
  return {
    summary: spec.summary,
    'x-roles': spec.roles,
    parameters: [...parameters('path', spec.params), ...parameters('query', spec.query)],
    ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(spec.body) } } } } : {}),
    ...(spec.fileTypes ? { requestBody: { required: true, content: Object.fromEntries(spec.fileTypes.map((t) => [t, { schema: { type: 'string' } }])) } } : {}),
    responses,
  };
}

// Routes owned by other modules that do not declare contracts (yet): described by hand.
const HAND_WRITTEN: Record<string, Json> = {
  '/api/chat': {
    post: { summary: 'Web chat turn {user, text, id?, location?}', security: [], responses: { 200: { description: '{replies:[{text, choices}]}' } } },
  },
};

export function openApiDocument(): Json {
  const paths: Record<string, Json> = structuredClone(HAND_WRITTEN);
  for (const contract of CONTRACTS) {
    for (const spec of Object.values(contract)) {
      const path = spec.path.replace(/:(\w+)/g, '{$1}');
      paths[path] = { ...paths[path], [spec.method]: operation(spec) };
    }
  }
  return {
    openapi: '3.0.3',
    info: {
      title: '惠水就业助手 API',
      version: '0.1.0',
      description:
        'Staff and recruiter API. Tokens: npm run user:create. Every path, query and JSON body is checked against the schemas below; unknown fields are refused; text is trimmed and may not hold lone UTF-16 surrogates or control characters other than tab and line breaks. Errors are {"error": "<field>: <reason>"}.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } },
    },
    security: [{ bearer: [] }],
    paths,
  };
}

export function openApiRoutes(): Router {
  const r = Router();
  const doc = openApiDocument();
  r.get('/api/openapi.json', (_req, res) => {
    res.json(doc);
  });
  return r;
}
