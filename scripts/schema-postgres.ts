// Writes prisma/postgres/schema.prisma from prisma/schema.prisma: the same models with a
// PostgreSQL datasource and its own generated client. One schema cannot switch provider by
// environment, so the models live in one file and this copy is derived (a test checks it is
// up to date). After a model change: run this, then write each provider's migration with
// `prisma migrate diff` (see README).
//   npx tsx scripts/schema-postgres.ts [--check]
import fs from 'node:fs';

export function postgresSchema(sqlite: string): string {
  const out = sqlite
    .replace(
      /generator client \{[^}]*\}/,
      `generator client {\n  provider   = "prisma-client-js"\n  engineType = "client"\n  output     = "../../node_modules/.prisma/client-postgres"\n}`,
    )
    .replace(/provider = "sqlite"/, 'provider = "postgresql"');
  return `// GENERATED from prisma/schema.prisma by scripts/schema-postgres.ts: edit that file, not this one.\n${out}`;
}

if (process.argv[1]?.endsWith('schema-postgres.ts')) {
  const want = postgresSchema(fs.readFileSync('prisma/schema.prisma', 'utf8'));
  if (process.argv.includes('--check')) {
    if (fs.readFileSync('prisma/postgres/schema.prisma', 'utf8') !== want) {
      console.error('prisma/postgres/schema.prisma is out of date: run npx tsx scripts/schema-postgres.ts');
      process.exit(1);
    }
  } else fs.writeFileSync('prisma/postgres/schema.prisma', want);
}
