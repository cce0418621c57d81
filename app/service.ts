// Wiring: the store, the matcher's index, the engine and the HTTP app, built from a Config.
// main.ts starts it; tests build it the same way against their own database and ports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from '../bot/engine.ts';
import { Gazetteer } from '../matching/geo.ts';
import { TradeLexicon } from '../matching/parse/occupation.ts';
import { Matcher } from '../matching/index.ts';
import { JobIndex } from '../postings/job-index.ts';
import { migrate, openDb, type Db } from '../prisma/db.ts';
import { seedDemo } from '../prisma/seed.ts';
import { webChatRoutes } from '../webhooks/web/routes.ts';
import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { createApp } from './server.ts';

export interface Service {
  db: Db;
  jobs: JobIndex;
  engine: Engine;
  server: http.Server;
  url: string;
  stop(): Promise<void>;
}

export async function startService(config: Config, log: Logger, clock: Clock = systemClock): Promise<Service> {
  const db = await openDb(config.databaseUrl);
  const applied = await migrate(db);
  if (applied.length) log.info('database migrated', { applied });
  const gazetteer = Gazetteer.load();
  const lexicon = TradeLexicon.load();
  if (config.seedDemo && (await seedDemo(db, { gazetteer, lexicon }, clock))) log.info('demo data loaded');
  const matcher = await Matcher.fromPostings([], { gazetteer, lexicon });
  const jobs = await JobIndex.load(db, matcher);
  const engine = new Engine({ db, jobs, clock, log });

  const app = createApp({
    log,
    health: async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return { postings: jobs.size };
    },
    routers: [webChatRoutes({ engine, db })],
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Finish in-flight requests, refuse new ones, then close the store.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await db.$disconnect();
    })());
  return { db, jobs, engine, server, url, stop };
}
