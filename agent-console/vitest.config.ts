import { defineConfig } from 'vitest/config';

// Pure console logic runs in node: actions, reducers, formatting, i18n completeness.
export default defineConfig({
  test: {
    name: 'agent-console',
    environment: 'node',
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
  },
});
