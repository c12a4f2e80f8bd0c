#!/bin/sh
# Prints the agent phones and the carrier trunk for pjsip.conf from the environment (#exec).
#   AGENT_EXTENSIONS   space-separated extensions (default "1001 … 1008", see agent-extensions.sh)
#   AGENT_SIP_PASSWORD password for every agent phone (required for phones to register)
#   TRUNK_HOST         the carrier's SIP host delivering 1357 (optional)
#   PARTNER_TRUNK_HOST the SIP host that reaches the partner ministry centers (optional)
set -eu
here="$(dirname "$0")"
exts="$("$here/agent-extensions.sh")"
# RTP on the one address Asterisk listens on, when it is not every address (bin/listen.sh).
media="$("$here/listen.sh" media)"
if [ -n "${AGENT_SIP_PASSWORD:-}" ]; then
  for ext in $exts; do
    cat <<CONF
[${ext}](agent-phone)
auth = ${ext}-auth
aors = ${ext}

[${ext}](agent-aor)

[${ext}-auth](agent-auth)
username = ${ext}
password = ${AGENT_SIP_PASSWORD}

CONF
  done
else
  echo "; AGENT_SIP_PASSWORD is not set: no agent phones configured"
fi
if [ -n "${TRUNK_HOST:-}" ]; then
  cat <<CONF
[carrier]
type = endpoint
context = from-trunk
disallow = all
allow = ulaw,alaw
aors = carrier
direct_media = no
dtmf_mode = rfc4733
${media}

[carrier]
type = aor
contact = sip:${TRUNK_HOST}

[carrier]
type = identify
endpoint = carrier
match = ${TRUNK_HOST}
CONF
fi
if [ -n "${PARTNER_TRUNK_HOST:-}" ]; then
  cat <<CONF

[partner-trunk]
type = endpoint
; Calls arriving from a partner center are 1357 calls like any other (never back out to [partners]).
context = from-trunk
disallow = all
allow = ulaw,alaw
aors = partner-trunk
direct_media = no
dtmf_mode = rfc4733
${media}

[partner-trunk]
type = aor
contact = sip:${PARTNER_TRUNK_HOST}
CONF
fi
