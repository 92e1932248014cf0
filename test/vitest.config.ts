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
  },
});
