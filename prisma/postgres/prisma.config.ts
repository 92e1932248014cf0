// Prisma CLI configuration for the PostgreSQL client (scaled mode). The schema beside it is
// derived from prisma/schema.prisma (npm run db:generate); nothing here connects unless a
// command needs a database, and migrations are applied by src/repositories/migrate.ts
// (`prisma migrate deploy` cannot read its own table through the pg adapter: prisma/orm#27403).
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

const url = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : 'postgresql://localhost/unused';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'schema.prisma',
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
