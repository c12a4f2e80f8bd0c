#!/bin/sh
# Prints the ARI user section for ari.conf from the environment (#exec, see asterisk.conf).
# Refuses to invent a password: without ARI_PASSWORD there is no ARI user at all.
set -eu
if [ -z "${ARI_PASSWORD:-}" ]; then
  echo "; ARI_PASSWORD is not set: no ARI user configured" ; exit 0
fi
cat <<CONF
[${ARI_USERNAME:-callcenter}]
type = user
read_only = no
password = ${ARI_PASSWORD}
password_format = plain
CONF
