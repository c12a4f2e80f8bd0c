#!/bin/sh
# Prints the fallback queue's members for queues.conf (#exec inside [fallback]): every agent
# phone pjsip-secrets.sh builds (AGENT_EXTENSIONS, see agent-extensions.sh).
set -eu
for ext in $("$(dirname "$0")/agent-extensions.sh"); do
  echo "member => PJSIP/${ext}"
done
