import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'asterisk-config',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
