import { defineConfig } from 'vitest/config';

// Pure console logic runs in node: actions, reducers, formatting, i18n completeness; components
// are rendered to static markup (no DOM emulation) to check what each pop variant shows.
export default defineConfig({
  test: {
    name: 'agent-console',
    environment: 'node',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts'],
  },
});
