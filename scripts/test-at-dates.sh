#!/usr/bin/env bash
# Runs the vitest projects with the machine's clock moved (Debian's `faketime`), so no test can
# depend on the day it runs. A CI run once failed for every Seoul date after the golden traces'
# 2026-12-01: telephony signed its crm-api token on the test's steered business clock.
#
#   npm run test:dates                    # every instant below, every project but the browser ones
#   npm run test:dates -- telephony       # only the named vitest projects
#
# PostgreSQL and Redis keep the real time, as separate servers do in production.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null; then
  echo "test:dates needs Debian's faketime (apt-get install faketime)" >&2
  exit 1
fi

# UTC instants and why each one.
instants=(
  "2026-11-28 03:00:00|before the golden traces' day"
  "2027-12-02 03:00:00|a year ahead"
  "2027-02-07 03:00:00|Seollal (a Korean public holiday, on a Sunday)"
  "2026-12-07 14:59:00|one minute before midnight in Seoul: the run crosses the Seoul date line"
)
# Left out: the browser tests (e2e) and the real-Asterisk projects (asterisk-config's instance
# checks, telephony-real), whose outside processes (Chromium, Asterisk, SIPp) would run under the
# faked clock too; the date logic they exercise is the same code the projects below run.
projects=("$@")
[ ${#projects[@]} -gt 0 ] || projects=(contracts ivr-flows pbx-sim telephony crm-api agent-console demo)
args=()
for p in "${projects[@]}"; do args+=(--project "$p"); done
# The fuzz tests (test/fuzz/) vary their input and the failure drills (test/drills/) kill and
# restart processes, not the date (the paths they drive run here in the other tests); npm test
# runs them once.
args+=(--exclude '**/test/fuzz/**' --exclude '**/test/drills/**')
# A project with its own `exclude` (telephony) does not take the CLI's: it reads this instead.
export CC1357_TEST_DATES=1

# Each run also writes vitest's JSON report, so the end of the output names every failed test:
# a CI log shows only its tail, and a bare "Failed at <instant>" once left a failure unexplained.
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT

failed=()
n=0
SECONDS=0
for entry in "${instants[@]}"; do
  at=${entry%%|*}
  why=${entry#*|}
  n=$((n + 1))
  printf '\n== tests at %s UTC (%s)  [%ds into test:dates]\n' "$at" "$why" "$SECONDS"
  if ! FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$at" npx vitest run "${args[@]}" \
    --reporter=default --reporter=json --outputFile.json="$reports/$n.json"; then
    failed+=("$at ($why)")
    node scripts/failed-tests.mjs "$reports/$n.json" "$at" >>"$reports/failed.txt"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  printf '\nFailed at: %s\n' "${failed[@]}" >&2
  cat "$reports/failed.txt" >&2
  exit 1
fi
printf '\nAll projects passed at %d instants in %ds.\n' "${#instants[@]}" "$SECONDS"
