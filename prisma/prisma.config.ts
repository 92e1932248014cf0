// Prisma CLI configuration: the js engine with a driver adapter, so no Prisma binary is ever
// downloaded (see shared docs/stack.md). The app itself connects in src/repositories/prisma.ts
// and applies migrations with src/repositories/migrate.ts.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';

const url = process.env.DATABASE_URL?.startsWith('file:') ? process.env.DATABASE_URL : 'file:./data/bot.db';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  async adapter() {
    mkdirSync(dirname(url.slice('file:'.length)), { recursive: true });
    return new PrismaBetterSQLite3({ url });
  },
});
