import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'crm-api',
    // Every test lives under test/, mirroring src/ (test/domain/kpi.test.ts tests src/domain/kpi.ts).
    include: ['test/**/*.test.ts'],
    // Property tests replay a fixed seed unless FUZZ_SEED says otherwise (npm run fuzz).
    setupFiles: ['../scripts/fuzz-seed.ts'],
    // Hang guards, not speed limits: tests wait for events, and a busy CI machine may take
    // many times a quiet one\'s time; a timeout only ends a test that would never finish.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
