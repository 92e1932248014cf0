import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Most of a test's time is spent waiting (HTTP round trips, workers polling, child processes
    // starting), not computing: vitest's default of one worker per core less one ran the suite
    // one file at a time on a 2-core machine. One file more than there are cores keeps them busy
    // (more only adds contention: a CLI test's child process is CPU-bound while it starts).
    maxWorkers: Number(process.env.TEST_WORKERS) || availableParallelism() + 1,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Business time is Asia/Shanghai everywhere; the machine's zone must not matter. UTC unless
    // TEST_TZ says otherwise: .ci/run's second pass picks a zone whose date differs from Shanghai's.
    env: { TZ: process.env.TEST_TZ || 'UTC' },
    // TEST_DATABASE=postgres: every test's bot and createTestDb get a PostgreSQL database of
    // their own on a server this starts (test/helpers/test-database.ts); SQLite otherwise.
    globalSetup: process.env.TEST_DATABASE === 'postgres' ? ['test/helpers/pg-global-setup.ts'] : [],
  },
});
