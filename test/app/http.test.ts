// The service over real HTTP, as npm start runs it: created, migrated, seeded, served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';
import { webClient } from '../support/web-client.ts';

let s: TestService;
beforeAll(async () => {
  s = await startTestService();
});
afterAll(() => s.close());

describe('web channel', () => {
  it('serves the chat page', async () => {
    const res = await fetch(`${s.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('惠水就业助手');
    expect(html).toContain('/api/chat');
  });

  it('reports health with the number of postings', async () => {
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', store: 'ok', postings: 407 });
  });

  it('answers a chat message with real postings and numbered choices', async () => {
    const { status, body } = await webClient(s.url).chat('焊工');
    expect(status).toBe(200);
    expect(body.replies[0].text).toMatch(/^找：电焊工\n①/);
    expect(body.replies[0].choices[0]).toEqual({ id: '1', label: expect.stringMatching(/^①\S+/) });
  });

  it('answers a choice sent as its id, in the session its cookie names', async () => {
    const c = webClient(s.url);
    await c.chat('找工作');
    const { body } = await c.chat('1');
    expect(body.replies[0].text).toMatch(/^找：/);
  });

  it('answers a retried request with the same client id with the same replies', async () => {
    const c = webClient(s.url);
    const first = await c.chat('保洁', { id: 'm1' });
    const again = await c.chat('保洁', { id: 'm1' });
    expect(first.body.replies.length).toBe(1);
    expect(again.body).toEqual(first.body);
  });
});

describe('bad requests', () => {
  const post = (body: string, type = 'application/json') => fetch(`${s.url}/api/chat`, { method: 'POST', headers: { 'content-type': type }, body });

  it.each([
    ['{bad json', 400, 'JSON'],
    ['[]', 400, 'object'],
    ['"焊工"', 400, 'JSON'],
    ['{"text":42}', 400, 'text'],
    ['{"text":"焊工","id":"a:b"}', 400, 'id'],
    [`{"text":"焊工","id":"${'x'.repeat(65)}"}`, 400, 'id'],
    ['{"text":"焊工","id":"ab\\ud800cd"}', 400, 'id'],
    ['{"location":{"lat":"x"}}', 400, 'location'],
    ['{"location":{"lat":91,"lng":0}}', 400, 'location'],
  ])('%s → %i', async (body, status, word) => {
    const res = await post(body);
    expect(res.status).toBe(status);
    expect((await res.json()).error).toContain(word);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await post('text=焊工', 'application/x-www-form-urlencoded');
    expect(res.status).toBe(400);
    expect((await res.json()).error).toContain('JSON object');
  });

  it('refuses a body over 16 KB with 413', async () => {
    const res = await post(JSON.stringify({ text: '焊'.repeat(10000) }));
    expect(res.status).toBe(413);
    expect((await res.json()).error).toContain('too large');
  });

  it('answers unknown paths with 404 JSON', async () => {
    const res = await fetch(`${s.url}/nope`);
    expect(res.status).toBe(404);
  });
});
