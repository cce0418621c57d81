// Opening the store and bringing its schema up to date. The Prisma client is created here and
// passed to whoever needs it: there is no global client.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from '@prisma/client';

export type Db = PrismaClient;

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Opens a SQLite store, creating its folder. WAL lets the web server and outbox workers share it. */
export async function openDb(url: string): Promise<Db> {
  const file = url.replace(/^file:/, '');
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url, timeout: 10000 }) });
  await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  // In WAL mode NORMAL is safe from corruption; a power cut may lose the last commits, a
  // process crash loses nothing. It spares an fsync per write, which the outbox makes many of.
  await db.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
  await db.$executeRawUnsafe('PRAGMA busy_timeout = 10000');
  await db.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  return db;
}

/**
 * Applies the checked-in migrations that are not yet applied, recording them in Prisma's own
 * `_prisma_migrations` table, so `prisma migrate deploy` and this agree on what is done.
 * Done in-process so that `npm start` on a fresh clone needs no separate migrate step.
 */
export async function migrate(db: Db, dir = MIGRATIONS): Promise<string[]> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
  const done = new Set(
    (await db.$queryRawUnsafe<{ migration_name: string }[]>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL')).map((r) => r.migration_name),
  );
  const applied: string[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => fs.existsSync(path.join(dir, n, 'migration.sql'))).sort()) {
    if (done.has(name)) continue;
    const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
    const statements = sql.split(/;\s*(?:\r?\n|$)/).map((s) => s.replace(/^\s*--.*$/gm, '').trim()).filter(Boolean);
    await db.$transaction(async (tx) => {
      for (const s of statements) await tx.$executeRawUnsafe(s);
      await tx.$executeRawUnsafe(
        'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, current_timestamp, ?, 1)',
        crypto.randomUUID(), crypto.createHash('sha256').update(sql).digest('hex'), name,
      );
    });
    applied.push(name);
  }
  return applied;
}
