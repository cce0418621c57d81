// Prisma CLI configuration. The Rust-free engine with the better-sqlite3 adapter is what
// lets `prisma generate` and `prisma migrate deploy` run without downloading native engines.
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { defineConfig } from 'prisma/config';

// With a config file the CLI does not read .env; give the default store's URL here.
// (Generating the PostgreSQL client needs a postgresql:// URL in DATABASE_URL, or the CLI goes
// looking for native engines online: the postinstall script sets a placeholder.)
process.env.DATABASE_URL ??= 'file:./data/huishui.db';

export default defineConfig({
  engine: 'js',
  experimental: { adapter: true },
  schema: path.join('prisma', 'schema.prisma'),
  async adapter() {
    const file = process.env.DATABASE_URL!.replace(/^file:/, '');
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    return new PrismaBetterSQLite3({ url: process.env.DATABASE_URL! });
  },
});
