import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // No wall-clock limit decides a test: a slow or busy machine makes tests slower, never wrong.
    // CI's own job limit is the guard against a hang.
    testTimeout: 0,
    hookTimeout: 0,
  },
});
