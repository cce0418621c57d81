// A fresh, migrated SQLite database per test file: real schema, real unique constraints.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate, openDb, type Db } from '../../prisma/db.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  cleanup(): Promise<void>;
}

export async function freshDb(): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huishui-test-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  const db = await openDb(url);
  await migrate(db);
  return {
    db, url, dir,
    async cleanup() {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
