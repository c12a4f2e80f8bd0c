import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'pbx-sim',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
