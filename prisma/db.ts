// Opening the store and bringing its schema up to date. SQLite by default (a file, nothing else
// to run); PostgreSQL when DATABASE_URL is a postgres:// URL. The Prisma client is created here
// and passed to whoever needs it: there is no global client.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaClient } from '@prisma/client';
import { wellFormedDeep } from '../lib/text.ts';
import { recoveringSqliteAdapter } from './sqlite-adapter.ts';
import { isWrite, StoreHealth, storeFaultOf } from './store-health.ts';

/** Both providers' clients have this same API (they are generated from the same models). */
export type Db = PrismaClient;
export type Provider = 'sqlite' | 'postgresql';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MIGRATIONS: Record<Provider, string> = {
  sqlite: path.join(HERE, 'migrations'),
  postgresql: path.join(HERE, 'postgres', 'migrations'),
};
const require = createRequire(import.meta.url);
const providers = new WeakMap<object, Provider>();

export const providerOf = (url: string): Provider => (/^postgres(ql)?:\/\//.test(url) ? 'postgresql' : 'sqlite');

export async function openDb(url: string): Promise<Db> {
  if (providerOf(url) === 'postgresql') {
    const { PrismaPg } = await import('@prisma/adapter-pg');
    // The PostgreSQL client is generated beside the default one (npm postinstall).
    const { PrismaClient: PgClient } = require(path.join(HERE, '..', 'node_modules', '.prisma', 'client-postgres')) as { PrismaClient: new (o: unknown) => Db };
    const db = wellFormedWrites(new PgClient({ adapter: new PrismaPg({ connectionString: url }) }));
    providers.set(db, 'postgresql');
    return db;
  }
  const file = url.replace(/^file:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = wellFormedWrites(new PrismaClient({ adapter: recoveringSqliteAdapter({ url, timeout: 10000 }) }));
  // WAL lets the web server and outbox workers share the file; in WAL mode NORMAL is safe from
  // corruption (a power cut may lose the last commits, a process crash loses nothing) and
  // spares an fsync per write, which the outbox makes many of.
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$executeRawUnsafe('PRAGMA busy_timeout = 10000');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  providers.set(db, 'sqlite');
  return db;
}

/**
 * Every query's arguments pass through wellFormedDeep: a lone surrogate in any text from outside
 * makes Prisma's query protocol fail, and one place here covers every table and every channel.
 */
function wellFormedWrites(db: Db): Db {
  const health = new StoreHealth();
  const extended = db.$extends({
    query: {
      // Also where store faults are seen: a write that fails marks the store, one that works clears it.
      async $allOperations({ operation, args, query }) {
        try {
          const result = await query(wellFormedDeep(args));
          if (isWrite(operation)) health.wrote();
          return result;
        } catch (err) {
          const fault = storeFaultOf(err);
          if (fault) health.failed(fault);
          throw err;
        }
      },
    },
  }) as unknown as Db;
  healths.set(extended, health);
  return extended;
}

const healths = new WeakMap<object, StoreHealth>();

/** Whether the store takes writes, as the last writes found (see store-health.ts). */
export function storeHealth(db: Db): StoreHealth {
  const h = healths.get(db) ?? new StoreHealth();
  healths.set(db, h);
  return h;
}

const LEDGER: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};
const RECORD: Record<Provider, string> = {
  sqlite: 'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)',
  postgresql: 'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)',
};

/**
 * Applies the checked-in migrations of the store's provider that are not yet applied, recording
 * them in Prisma's own `_prisma_migrations` table, so `prisma migrate deploy` and this agree on
 * what is done. Done in-process so that `npm start` on a fresh clone needs no separate step (and
 * because the Prisma CLI cannot migrate PostgreSQL offline here).
 */
export async function migrate(db: Db, dir?: string): Promise<string[]> {
  const provider = providers.get(db) ?? 'sqlite';
  const folder = dir ?? MIGRATIONS[provider];
  await db.$executeRawUnsafe(LEDGER[provider]);
  const done = new Set(
    (await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')).map(
      (r) => r.migration_name,
    ),
  );
  const applied: string[] = [];
  for (const name of fs
    .readdirSync(folder)
    .filter((n) => fs.existsSync(path.join(folder, n, 'migration.sql')))
    .sort()) {
    if (done.has(name)) continue;
    const sql = fs.readFileSync(path.join(folder, name, 'migration.sql'), 'utf8');
    const statements = sql
      .split(/;\s*(?:\r?\n|$)/)
      .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
      .filter(Boolean);
    await db.$transaction(
      async (tx) => {
        for (const s of statements) await tx.$executeRawUnsafe(s);
        await tx.$executeRawUnsafe(RECORD[provider], crypto.randomUUID(), crypto.createHash('sha256').update(sql).digest('hex'), name);
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    applied.push(name);
  }
  return applied;
}
