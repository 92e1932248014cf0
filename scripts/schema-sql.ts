// Shared by the migration tooling: the SQL that builds a schema file from nothing, and
// the SQL that moves one schema file to another, both from `prisma migrate diff`
// (which runs on the wasm schema engine, no binary needed).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const PRISMA = join(import.meta.dirname, '..', 'node_modules', '.bin', 'prisma');
const CONFIG = join(import.meta.dirname, '..', 'prisma', 'prisma.config.ts');

export function diffSql(from: string | 'empty', to: string): string {
  const fromArgs = from === 'empty' ? ['--from-empty'] : ['--from-schema-datamodel', from];
  return execFileSync(PRISMA, ['migrate', 'diff', '--config', CONFIG, ...fromArgs, '--to-schema-datamodel', to, '--script'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
