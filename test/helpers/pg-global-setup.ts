// vitest globalSetup when TEST_DATABASE=postgres: one PostgreSQL server for the whole run (a
// throwaway cluster, or TEST_PG_URL's server) and a migrated template database that every test
// file copies (CREATE DATABASE … TEMPLATE: tens of milliseconds, so each file gets its own).
import pg from 'pg';
import { migratePostgres } from '../../src/repositories/migrate.ts';
import { databaseUrl, startPgCluster, type PgCluster } from '../../scripts/lib/pg-cluster.ts';

export const TEMPLATE_DB = 'bot_test_template';

export default async function setup(): Promise<() => void> {
  let cluster: PgCluster | undefined;
  let server = process.env.TEST_PG_URL;
  if (!server) {
    cluster = await startPgCluster();
    server = cluster.url;
  }
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${TEMPLATE_DB}"`);
  await admin.query(`CREATE DATABASE "${TEMPLATE_DB}"`);
  await admin.end();
  await migratePostgres(databaseUrl(server, TEMPLATE_DB));
  // The test processes are forked after this and inherit it.
  process.env.TEST_PG_SERVER = server;
  return () => cluster?.stop();
}
