// The store refusing writes (a full disk) must not wedge the service: each request gets a clear
// error at once, /healthz says so while it lasts, and everything works again once space returns.
// SQLite's max_page_count makes the file "full" at a set size: the same SQLITE_FULL a full disk
// gives, without needing a small file system.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerOf } from '../../prisma/db.ts';
import { startTestService, type TestService } from '../support/service.ts';

const sqlite = providerOf(process.env.TEST_DATABASE_URL ?? 'file:') === 'sqlite';
let s: TestService;
beforeAll(async () => {
  s = await startTestService({ WEB_CHAT_NEW_SESSIONS: '1000' });
});
afterAll(async () => {
  await s.close();
});

const timed = async <T>(p: Promise<T>, ms = 15_000): Promise<T> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

describe.runIf(sqlite)('a full disk', () => {
  it('gives clear errors, shows in /healthz, and the service recovers when space returns', async () => {
    expect((await s.chat('disk1', '焊工')).status).toBe(200);
    const [{ page_count }] = await s.db.$queryRawUnsafe<{ page_count: bigint }[]>('PRAGMA page_count');
    await s.db.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`);
    // Fill what is left (the next writes need new pages).
    const results = await timed(Promise.all(Array.from({ length: 30 }, (_, i) => s.chat(`disk-full-${i}`, `焊工 ${'很长的话'.repeat(200)}`))));
    const refused = results.filter((r) => r.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r.body.error).toMatch(/存储|storage/);
    expect(results.every((r) => r.status === 200 || r.status === 503)).toBe(true);
    const health = await timed(fetch(`${s.url}/healthz`));
    expect(health.status).toBe(503);
    expect((await health.json()).store).toBe('full');

    // Space returns.
    await s.db.$queryRawUnsafe('PRAGMA max_page_count = 1073741823');
    const after = await timed(Promise.all(Array.from({ length: 10 }, (_, i) => s.chat(`disk-back-${i}`, '保洁'))));
    expect(after.map((r) => r.status)).toEqual(Array(10).fill(200));
    const healthy = await timed(fetch(`${s.url}/healthz`));
    expect(healthy.status).toBe(200);
  });
});
