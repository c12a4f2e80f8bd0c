#!/bin/sh
# Prints where Asterisk listens, for one part of the configuration (#exec with an argument):
#   http  ARI's HTTP server (http.conf)      ami  the manager interface (manager.conf)
#   sip   the PJSIP UDP transport (pjsip.conf) rtp  the RTP port range (rtp.conf)
#   media an endpoint's RTP address (pjsip endpoints, only when ASTERISK_BIND_ADDRESS is one address)
# from the environment, with the defaults of the production-like stack (docker-compose.yml):
#   ASTERISK_BIND_ADDRESS (0.0.0.0)  ASTERISK_HTTP_PORT (8088)  AMI_PORT (5038)  SIP_PORT (5060)
#   RTP_PORT_START (10000)  RTP_PORT_END (10200)
set -eu
addr="${ASTERISK_BIND_ADDRESS:-0.0.0.0}"
case "${1:-}" in
  http) printf 'bindaddr = %s\nbindport = %s\n' "$addr" "${ASTERISK_HTTP_PORT:-8088}" ;;
  ami) printf 'bindaddr = %s\nport = %s\n' "$addr" "${AMI_PORT:-5038}" ;;
  sip) printf 'bind = %s:%s\n' "$addr" "${SIP_PORT:-5060}" ;;
  rtp) printf 'rtpstart = %s\nrtpend = %s\n' "${RTP_PORT_START:-10000}" "${RTP_PORT_END:-10200}" ;;
  media) if [ "$addr" != "0.0.0.0" ]; then printf 'media_address = %s\nbind_rtp_to_media_address = yes\n' "$addr"; fi ;;
  *) echo "listen.sh: unknown part '${1:-}' (http, ami, sip, rtp, media)" >&2; exit 2 ;;
esac
