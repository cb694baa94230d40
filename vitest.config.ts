import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Determinism tests compare bytes, property tests print their seed on failure.
    reporters: process.env['CI'] ? ['default'] : ['default'],
  },
});
