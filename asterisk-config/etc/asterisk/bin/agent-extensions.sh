#!/bin/sh
# Prints the agent phone extensions, space-separated: AGENT_EXTENSIONS, or 1001 … 1008.
# The one place the list is decided, so the phones pjsip builds and the fallback queue's
# members cannot disagree.
echo "${AGENT_EXTENSIONS:-1001 1002 1003 1004 1005 1006 1007 1008}"
