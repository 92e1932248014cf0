// The PostgreSQL schema is derived from the one source schema (prisma/schema.prisma): only the
// datasource provider and the generated client's folder change. `npm run db:generate` writes
// prisma/postgres/schema.prisma (not committed) and generates both clients; the migration
// tooling derives historical versions the same way (see scripts/pg-twins.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const SOURCE_SCHEMA = join(import.meta.dirname, '..', 'prisma', 'schema.prisma');
export const PG_SCHEMA = join(import.meta.dirname, '..', 'prisma', 'postgres', 'schema.prisma');

/** The PostgreSQL twin of a schema file's text; throws if the text is not shaped as expected. */
export function derivePgSchema(source: string): string {
  const swaps: [RegExp, string][] = [
    [/(datasource db \{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"'],
    [/(datasource db \{[^}]*?url\s*=\s*)"file:[^"]*"/, '$1"postgresql://localhost/unused"'],
    [/(generator client \{[^}]*?output\s*=\s*)"\.\.\/src\/generated\/prisma"/, '$1"../../src/generated/prisma-pg"'],
  ];
  let out = source;
  for (const [pattern, replacement] of swaps) {
    if (!pattern.test(out)) throw new Error(`schema.prisma: cannot derive the PostgreSQL schema (no match for ${pattern})`);
    out = out.replace(pattern, replacement);
  }
  return `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts — do not edit.\n${out}`;
}

export function writePgSchema(): void {
  writeFileSync(PG_SCHEMA, derivePgSchema(readFileSync(SOURCE_SCHEMA, 'utf8')));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) writePgSchema();
