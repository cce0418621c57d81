// A fresh, migrated database per test file: real schema, real unique constraints. SQLite by
// default; a new PostgreSQL database for each when TEST_DATABASE_URL names a server
// (postgresql://user@host:port/admin_db), which is how CI runs the suite a second time.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Db, migrate, openDb, providerOf } from '../../prisma/db.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huishui-test-'));
  const server = process.env.TEST_DATABASE_URL;
  let url = `file:${path.join(dir, 'test.db')}`;
  let dropDatabase = async () => {};
  if (server && providerOf(server) === 'postgresql') {
    const name = `hs_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = await openDb(server);
    await admin.$executeRawUnsafe(`CREATE DATABASE "${name}"`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      await admin.$executeRawUnsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.$disconnect();
    };
  }
  const db = await openDb(url);
  await migrate(db);
  return {
    db,
    url,
    dir,
    async cleanup() {
      await db.$disconnect();
      await dropDatabase();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
