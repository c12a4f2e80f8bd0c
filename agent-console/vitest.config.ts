import { defineConfig } from 'vitest/config';

// Pure console logic runs in node: actions, reducers, formatting, i18n completeness; components
// are rendered to static markup (no DOM emulation) to check what each pop variant shows.
// A test sits beside the module it tests (src/features/sms/sms-model.test.ts); test/ keeps the
// shared factories and the tests of the workspace's own server and Vite config.
export default defineConfig({
  test: {
    name: 'agent-console',
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    // Hang guards, not speed limits: tests wait for events, and a busy CI machine may take
    // many times a quiet one's time; a timeout only ends a test that would never finish.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
