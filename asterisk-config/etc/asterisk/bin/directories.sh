#!/bin/sh
# Prints asterisk.conf's [directories] (#exec; Asterisk runs it with -X, see start-asterisk.sh).
# astetcdir is the folder this script belongs to (the working directory start-asterisk.sh sets),
# so the configuration reads its own files wherever it is. Every other folder keeps Asterisk's
# compiled-in default (/var/lib/asterisk, /var/spool/asterisk, …) unless the environment names it:
#   ASTERISK_VARLIB_DIR  astvarlibdir and astdbdir (astdb)     ASTERISK_SPOOL_DIR  astspooldir (recordings)
#   ASTERISK_DATA_DIR    astdatadir (sounds, moh, docs)        ASTERISK_LOG_DIR    astlogdir
#   ASTERISK_RUN_DIR     astrundir (control socket, pid)       ASTERISK_MOD_DIR    astmoddir
#   ASTERISK_CACHE_DIR   astcachedir                           ASTERISK_AGI_DIR    astagidir
set -eu
echo "astetcdir => $(pwd)"
print() { [ -z "$2" ] || echo "$1 => $2"; }
print astvarlibdir "${ASTERISK_VARLIB_DIR:-}"
print astdbdir "${ASTERISK_VARLIB_DIR:-}"
print astdatadir "${ASTERISK_DATA_DIR:-}"
print astspooldir "${ASTERISK_SPOOL_DIR:-}"
print astlogdir "${ASTERISK_LOG_DIR:-}"
print astrundir "${ASTERISK_RUN_DIR:-}"
print astmoddir "${ASTERISK_MOD_DIR:-}"
print astcachedir "${ASTERISK_CACHE_DIR:-}"
print astagidir "${ASTERISK_AGI_DIR:-}"
