import { defineConfig } from 'vitest/config';

// The bench's own unit tests (argument parsing, results shape): pure, seconds. The scenarios
// themselves never run under vitest: speed is measured only by `npm run bench`.
export default defineConfig({
  test: {
    name: 'bench',
    include: ['test/**/*.test.ts'],
  },
});
