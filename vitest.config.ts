import { defineConfig } from 'vitest/config';

// One root run covers every workspace; each project keeps its own config
// (timeouts, environment) next to its code.
export default defineConfig({
  test: {
    projects: [
      'contracts',
      'asterisk-config',
      'ivr-flows',
      'pbx-sim',
      'telephony',
      'telephony/vitest.real.config.ts',
      'crm-api',
      'agent-console',
      'demo',
      'e2e',
      'bench',
    ],
  },
});
