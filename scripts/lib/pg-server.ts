// A PostgreSQL server for a command that needs one only briefly (the migration tooling):
// PG_URL or a postgresql:// DATABASE_URL if set, else a throwaway cluster for the run.
import { startPgCluster } from './pg-cluster.ts';

export async function withPgServer<T>(work: (url: string) => Promise<T> | T): Promise<T> {
  const given = process.env.PG_URL ?? (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined);
  if (given) return work(given);
  const cluster = await startPgCluster();
  try {
    return await work(cluster.url);
  } finally {
    cluster.stop();
  }
}
