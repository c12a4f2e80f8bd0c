// Prints the failed tests of a vitest JSON report, one line each with the first line of the
// error, for the tail of a long CI log. Usage: node scripts/failed-tests.mjs report.json LABEL
import { readFileSync } from 'node:fs';
import path from 'node:path';

const [file, label = ''] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch (err) {
  console.log(`${label}: no vitest report (${err instanceof Error ? err.message : String(err)})`);
  process.exit(0);
}
let count = 0;
for (const suite of report.testResults ?? []) {
  const where = path.relative(process.cwd(), suite.name);
  const failedTests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed');
  // A file that failed to load or in a hook has no failed test of its own, only a message.
  if (failedTests.length === 0 && suite.status === 'failed') {
    count++;
    console.log(`${label}: FAIL ${where}: ${firstLine(suite.message)}`);
  }
  for (const t of failedTests) {
    count++;
    console.log(`${label}: FAIL ${where} > ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
  }
}
if (count === 0) console.log(`${label}: vitest failed with no failed test in its report (see the log above)`);

function firstLine(text) {
  return (
    String(text ?? '')
      .split('\n')
      .find((line) => line.trim() !== '') ?? '(no message)'
  );
}
