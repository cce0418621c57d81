// The whole service on a random port with its own database: what npm start runs, minus the process.

import { loadConfig } from '../../app/config.ts';
import { type Service, type ServiceOptions, startService } from '../../app/service.ts';
import { FakeClock } from '../../lib/clock.ts';
import { createLogger, silentLogger } from '../../lib/log.ts';
import { freshDb, type TestDb } from './db.ts';

export interface TestService extends Service {
  clock: FakeClock;
  testDb: TestDb;
  chat(user: string, text: string, extra?: Record<string, unknown>): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

export async function startTestService(
  env: Record<string, string> = {},
  clock = new FakeClock(new Date('2026-12-01T02:00:00Z')),
  options: ServiceOptions = { runOutbox: false },
): Promise<TestService> {
  const testDb = await freshDb();
  await testDb.db.$disconnect();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: testDb.url, ...env });
  const service = await startService(config, process.env.TEST_LOG ? createLogger('debug') : silentLogger, clock, options);
  return {
    ...service,
    clock,
    testDb,
    async chat(user, text, extra = {}) {
      const res = await fetch(`${service.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, text, ...extra }),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      await service.stop();
      await testDb.cleanup().catch(() => {});
    },
  };
}
