import { defineConfig } from 'vitest/config';

// The real-time tier (test/real): telephony against a real Asterisk 22 with SIPp callers and
// phones, at the speed of real audio. Needs TEST_ASTERISK_PREFIX (.ci/run sets it); skipped with
// one line without it. Files run side by side (three at a time): each has its own Asterisk, phones, database and
// Redis prefix, and mostly waits for audio to play. In the root run the tier goes last (group 1),
// after every other project, so it does not share the machine with them.
export default defineConfig({
  test: {
    name: 'telephony-real',
    include: ['test/real/**/*.test.ts'],
    globalSetup: ['test/real/support/global-setup.ts'],
    // Three at a time: each file runs an Asterisk, SIPp phones and a center; five side by side on
    // a 2-core CI machine pushed a partner relay past its slack.
    maxWorkers: 3,
    // One retry, kept as a guard on a shared machine: a test that fails twice still fails. The
    // flake it was added for (the partner relay's `transfer.answered` never reaching crm-api) was
    // the call event outbox dropping a flush asked for while one was ending (fixed there).
    retry: 1,
    sequence: { groupOrder: 1 },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
