import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'deploy/**/*.test.ts', 'components/**/*.test.ts', 'e2e/tools/**/*.test.ts', 'e2e/bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
