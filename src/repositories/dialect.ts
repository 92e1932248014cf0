// Which database a URL names. SQLite (file:…) is the default; PostgreSQL (postgresql://…) is
// for several instances on one database (scaled mode). Raw SQL that differs between the two
// asks dialectOf(db) (see sql-dialect.ts).
export type Dialect = 'sqlite' | 'postgres';

export function dialectOfUrl(databaseUrl: string): Dialect {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgres';
  throw new Error(`DATABASE_URL: not a SQLite (file:…) or PostgreSQL (postgresql://…) URL`);
}

/** The URL without its password, for logs. */
export function redactUrl(databaseUrl: string): string {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) return databaseUrl;
  const u = new URL(databaseUrl);
  if (u.password) u.password = '***';
  return u.toString();
}
