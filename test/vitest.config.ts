import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Business time is Asia/Shanghai everywhere; the machine's zone must not matter.
    env: { TZ: 'UTC' },
  },
});
