import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Business time is Asia/Shanghai everywhere; the machine's zone must not matter. UTC unless
    // TEST_TZ says otherwise: .ci/run's second pass picks a zone whose date differs from Shanghai's.
    env: { TZ: process.env.TEST_TZ || 'UTC' },
    // TEST_DATABASE=postgres: every test's bot and createTestDb get a PostgreSQL database of
    // their own on a server this starts (test/helpers/test-database.ts); SQLite otherwise.
    globalSetup: process.env.TEST_DATABASE === 'postgres' ? ['test/helpers/pg-global-setup.ts'] : [],
  },
});
