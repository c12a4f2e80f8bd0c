#!/bin/sh
# Prints the AMI user section for manager.conf from the environment (#exec).
#   AMI_USERNAME (telephony), AMI_SECRET (required: no user without it)
#   AMI_PERMIT   the networks allowed in, space-separated (address/mask or address/bits);
#                default loopback only. docker-compose.yml names its own network's pools.
set -eu
if [ -z "${AMI_SECRET:-}" ]; then
  echo "; AMI_SECRET is not set: no AMI user configured" ; exit 0
fi
cat <<CONF
[${AMI_USERNAME:-telephony}]
secret = ${AMI_SECRET}
; Deny everything but the networks telephony connects from.
deny = 0.0.0.0/0.0.0.0
CONF
for net in ${AMI_PERMIT:-127.0.0.1/255.255.255.255}; do
  echo "permit = ${net}"
done
cat <<CONF
read = system,call,agent,reporting
write = system,call,originate,reporting
CONF
