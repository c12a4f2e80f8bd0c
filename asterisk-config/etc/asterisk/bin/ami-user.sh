#!/bin/sh
# Prints the AMI user section for manager.conf from the environment (#exec).
set -eu
if [ -z "${AMI_SECRET:-}" ]; then
  echo "; AMI_SECRET is not set: no AMI user configured" ; exit 0
fi
cat <<CONF
[${AMI_USERNAME:-telephony}]
secret = ${AMI_SECRET}
; The compose network only; deny everything else.
deny = 0.0.0.0/0.0.0.0
permit = ${AMI_PERMIT:-172.16.0.0/255.240.0.0}
read = system,call,agent,reporting
write = system,call,originate,reporting
CONF
