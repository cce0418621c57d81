// The PostgreSQL schema is derived from the SQLite one; it must not drift. Each provider keeps
// its own migrations, and a fresh database of either comes up migrated.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Db, type Provider, providerOf } from '../../prisma/db.ts';
import { postgresSchema } from '../../scripts/schema-postgres.ts';
import { freshDb } from '../support/db.ts';

describe('schema', () => {
  it('prisma/postgres/schema.prisma is generated from prisma/schema.prisma', () => {
    expect(fs.readFileSync('prisma/postgres/schema.prisma', 'utf8')).toBe(postgresSchema(fs.readFileSync('prisma/schema.prisma', 'utf8')));
  });

  it('the migrations build every column the schema declares, with its nullability, and no other table', async () => {
    const models = declaredModels(fs.readFileSync('prisma/schema.prisma', 'utf8'));
    expect(models.size).toBeGreaterThan(10);
    const t = await freshDb();
    try {
      const columns = await migratedColumns(t.db, providerOf(t.url));
      for (const [model, fields] of models) {
        const have = columns.get(model);
        expect(have, `table ${model}`).toBeDefined();
        for (const [field, nullable] of fields) expect(have!.get(field), `${model}.${field} (nullable: ${nullable})`).toBe(nullable);
      }
      expect([...columns.keys()].filter((table) => !models.has(table) && table !== '_prisma_migrations')).toEqual([]);
    } finally {
      await t.cleanup();
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

/** Model → scalar field → nullable, read from the schema file (relations and lists left out). */
function declaredModels(schema: string): Map<string, Map<string, boolean>> {
  const blocks = [...schema.matchAll(/^model (\w+) \{([^}]*)\}/gm)];
  const names = new Set(blocks.map((b) => b[1]));
  const out = new Map<string, Map<string, boolean>>();
  for (const [, name, body] of blocks) {
    const fields = new Map<string, boolean>();
    for (const line of body.split('\n')) {
      const m = /^\s+(\w+)\s+(\w+)(\?|\[\])?/.exec(line);
      if (!m || names.has(m[2]) || m[3] === '[]') continue;
      fields.set(m[1], m[3] === '?');
    }
    out.set(name, fields);
  }
  return out;
}

/** Table → column → nullable, as the migrated database has them. */
async function migratedColumns(db: Db, provider: Provider): Promise<Map<string, Map<string, boolean>>> {
  const rows =
    provider === 'sqlite'
      ? await db.$queryRawUnsafe<{ t: string; c: string; nullable: number | bigint }[]>(
          `SELECT m.name AS t, p.name AS c, CASE WHEN p."notnull" = 0 AND p.pk = 0 THEN 1 ELSE 0 END AS nullable
           FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'`,
        )
      : await db.$queryRawUnsafe<{ t: string; c: string; nullable: number }[]>(
          `SELECT table_name::text AS t, column_name::text AS c, CASE WHEN is_nullable = 'YES' THEN 1 ELSE 0 END AS nullable
           FROM information_schema.columns WHERE table_schema = current_schema()`,
        );
  const out = new Map<string, Map<string, boolean>>();
  for (const r of rows) {
    if (!out.has(r.t)) out.set(r.t, new Map());
    out.get(r.t)!.set(r.c, Number(r.nullable) === 1);
  }
  return out;
}
