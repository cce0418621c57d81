// GET /api/openapi.json: a compact OpenAPI description of the staff and recruiter API.
import { Router } from 'express';

const bearer = [{ bearer: [] }];
const id = { name: 'id', in: 'path', required: true, schema: { type: 'integer' } };
const ok = (description: string) => ({ 200: { description } });

export const OPENAPI = {
  openapi: '3.0.3',
  info: { title: '惠水就业助手 API', version: '0.1.0', description: 'Staff and recruiter API. Tokens: npm run user:create.' },
  components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  security: bearer,
  paths: {
    '/api/chat': { post: { summary: 'Web chat turn {user, text, id?, location?}', security: [], responses: ok('{replies:[{text, choices}]}') } },
    '/api/postings': {
      get: { summary: 'List postings (a recruiter sees their employer only); ?status=open&limit=&offset=', responses: ok('{total, postings}') },
      post: {
        summary: 'Create a posting in the raw form (id, employer, title, description, location, wage_text, type, benefits, headcount, requirements)',
        responses: { 201: { description: 'created' } },
      },
    },
    '/api/postings/{id}': {
      parameters: [id],
      get: { summary: 'One posting with what the matcher understood', responses: ok('posting') },
      patch: { summary: 'Change raw fields', responses: ok('posting') },
    },
    '/api/postings/{id}/close': { parameters: [id], post: { summary: 'Close a posting', responses: ok('posting') } },
    '/api/postings/import': {
      post: {
        summary: 'Staff: import a CSV (text/csv) or JSON Lines (application/x-ndjson) file, ≤ 20 MB, UTF-8',
        responses: ok('{created, updated, unchanged, rejected, problems:[{line, reason}]}'),
      },
    },
    '/api/postings/{id}/candidates': {
      parameters: [id],
      get: { summary: 'Interested and matching workers; phone only with the worker’s consent', responses: ok('{posting, candidates}') },
    },
    '/api/interests/{id}': { parameters: [id], patch: { summary: 'Decision {status: contacted|hired|not_suitable}; the worker is told', responses: ok('{id, status}') } },
    '/api/me': { get: { summary: 'Who am I', responses: ok('user') }, patch: { summary: 'Link {telegramChatId} or {phone} for notices', responses: ok('user') } },
    '/api/fairs': {
      get: { summary: 'Upcoming fairs', responses: ok('{fairs}') },
      post: { summary: 'Staff: create {name, venue, startsAt, endsAt, timeZone?, organiser?, postingIds?, buses?}', responses: { 201: { description: 'created' } } },
    },
    '/api/fairs/{id}': {
      parameters: [id],
      get: { summary: 'One fair', responses: ok('fair') },
      patch: { summary: 'Staff: change (a new time reschedules reminders)', responses: ok('fair') },
    },
    '/api/fairs/{id}/cancel': { parameters: [id], post: { summary: 'Staff: cancel (subscribers get one notice)', responses: ok('fair') } },
    '/api/fairs/{id}/stats': { parameters: [id], get: { summary: 'Staff: subscribers, confirmations, reminders', responses: ok('stats') } },
    '/api/stats': { get: { summary: 'Staff: programme statistics by fair, township and trade', responses: ok('stats') } },
  },
};

export function openApiRoutes(): Router {
  const r = Router();
  r.get('/api/openapi.json', (_req, res) => {
    res.json(OPENAPI);
  });
  return r;
}
