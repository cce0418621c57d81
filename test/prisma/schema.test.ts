// The PostgreSQL schema is derived from the SQLite one; it must not drift. Each provider keeps
// its own migrations, and a fresh database of either comes up migrated.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { providerOf } from '../../prisma/db.ts';
import { postgresSchema } from '../../scripts/schema-postgres.ts';
import { freshDb } from '../support/db.ts';

describe('schema', () => {
  it('prisma/postgres/schema.prisma is generated from prisma/schema.prisma', () => {
    expect(fs.readFileSync('prisma/postgres/schema.prisma', 'utf8')).toBe(postgresSchema(fs.readFileSync('prisma/schema.prisma', 'utf8')));
  });

  it('each provider has migrations', () => {
    for (const dir of ['prisma/migrations', 'prisma/postgres/migrations']) {
      expect(fs.readdirSync(dir).filter((d) => fs.existsSync(`${dir}/${d}/migration.sql`)).length).toBeGreaterThan(0);
    }
  });

  it(`a fresh ${providerOf(process.env.TEST_DATABASE_URL ?? 'file:')} database is migrated and usable`, async () => {
    const t = await freshDb();
    try {
      const w = await t.db.worker.create({ data: { identities: { create: { channel: 'sms', address: '+8613800000000' } } } });
      await expect(t.db.identity.create({ data: { channel: 'sms', address: '+8613800000000', workerId: w.id } })).rejects.toMatchObject({ code: 'P2002' });
    } finally {
      await t.cleanup();
    }
  });
});
