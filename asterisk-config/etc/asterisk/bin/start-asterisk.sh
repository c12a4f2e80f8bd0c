#!/bin/sh
# Starts Asterisk in the foreground with this folder's configuration, the way every deployment
# of it must (docker-compose.yml's entrypoint, the test instance in asterisk-config/testbed):
#   - umask 027: recordings (and every other file Asterisk writes) are personal data, so no
#     access for other users. Asterisk has no setting for its file modes; it opens files 0666
#     and lets the umask decide.
#   - the working directory is this configuration folder: the #exec lines name their helpers
#     relative to it (bin/…), so the folder works wherever it is mounted or checked out.
#   - -X lets asterisk.conf itself #exec bin/directories.sh (folders from the environment).
# Extra arguments go to asterisk (e.g. -C <this folder>/asterisk.conf when it is not the
# compiled-in /etc/asterisk). ASTERISK_BIN names the binary (default: asterisk on the PATH).
set -eu
umask 027
cd "$(dirname "$0")/.."
exec "${ASTERISK_BIN:-asterisk}" -f -X "$@"
