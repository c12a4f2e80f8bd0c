#!/usr/bin/env bash
# Builds Asterisk 22.10.1 for the real-Asterisk test tier, once per machine, into a cache outside
# the repo. Nothing is downloaded: the sources come from ../shared/vendor/asterisk (the pjproject
# archive is handed to the bundled build through its externals cache). Prints the install prefix.
#
#   asterisk-config/testbed/build.sh            # build, or reuse the cached build (instant)
#   ASTERISK_CACHE=/somewhere build.sh          # another cache folder
#
# The cache key is the version plus a hash of this script, so changing the module choice below
# builds afresh while an unchanged script always reuses what is there.
set -euo pipefail

VERSION=22.10.1
PJPROJECT=pjproject-2.17.tar.bz2
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
vendor=${ASTERISK_VENDOR_DIR:-$repo/../shared/vendor/asterisk}
cache=${ASTERISK_CACHE:-/var/cache/cc1357-asterisk}
key="$VERSION-$(sha256sum "$0" | cut -c1-12)"
prefix="$cache/$key"

if [ -x "$prefix/sbin/asterisk" ] && [ -f "$prefix/.complete" ]; then
  echo "$prefix"
  exit 0
fi

say() { printf '[asterisk build] %s\n' "$*" >&2; }
for f in "asterisk-$VERSION.tar.gz" "$PJPROJECT"; do
  [ -f "$vendor/$f" ] || { say "missing $vendor/$f (the vendored sources; see shared/vendor/asterisk/README.md)"; exit 1; }
done
(cd "$vendor" && echo "0cf47bad9addee1c1dc419854928963a  asterisk-$VERSION.tar.gz
baacc87418a95107657039269bc71538  $PJPROJECT" | md5sum -c --quiet -) || { say "vendored archives do not match their checksums"; exit 1; }

start=$(date +%s)
work=$(mktemp -d "${TMPDIR:-/tmp}/asterisk-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
# The vendor folder may be read-only (CI copies it without write bits); the build writes next to
# the archive it unpacks, so it gets a private copy.
mkdir -p "$work/externals" && cp "$vendor/$PJPROJECT" "$work/externals/"
say "unpacking into $work"
tar -xzf "$vendor/asterisk-$VERSION.tar.gz" -C "$work"
cd "$work/asterisk-$VERSION"

say "configure"
./configure --prefix="$prefix" --with-pjproject-bundled --with-externals-cache="$work/externals" \
  --with-jansson-bundled=no --without-dahdi --without-pri --without-ss7 --without-postgres \
  --without-unixodbc --without-gtk2 --without-x11 --without-sdl --without-radius >"$work/configure.log" 2>&1 \
  || { tail -40 "$work/configure.log" >&2; exit 1; }

say "menuselect: only what the 1357 config and the tier use"
make menuselect.makeopts >/dev/null
# Sounds and music come from Debian (asterisk-core-sounds-en-wav, asterisk-moh-opsound-wav):
# downloading them is impossible here. The rest is left out to shorten the build.
menuselect/menuselect \
  --disable-category MENUSELECT_CORE_SOUNDS --disable-category MENUSELECT_MOH \
  --disable-category MENUSELECT_EXTRA_SOUNDS --disable-category MENUSELECT_CDR \
  --disable-category MENUSELECT_CEL --disable BUILD_NATIVE \
  --disable app_voicemail --disable app_voicemail_imap --disable app_voicemail_odbc --disable app_minivm \
  --disable app_confbridge --disable app_meetme --disable app_sla --disable app_festival \
  --disable app_followme --disable app_directory --disable app_alarmreceiver --disable app_adsiprog \
  --disable app_getcpeid --disable app_sms --disable app_dictate --disable app_externalivr \
  --disable app_ivrdemo --disable app_morsecode --disable app_zapateller --disable app_amd \
  --disable chan_iax2 --disable chan_unistim \
  --disable chan_motif --disable chan_console --disable res_fax --disable res_fax_spandsp \
  --disable res_xmpp --disable res_calendar --disable res_calendar_caldav --disable res_calendar_ews \
  --disable res_calendar_exchange --disable res_calendar_icalendar --disable res_phoneprov \
  --disable res_pjsip_phoneprov_provider --disable res_smdi --disable res_adsi --disable res_config_ldap \
  --disable res_snmp --disable res_statsd --disable res_hep --disable res_hep_pjsip --disable res_hep_rtcp \
  --disable pbx_dundi --disable pbx_ael --disable pbx_lua --disable res_config_sqlite3 \
  menuselect.makeopts >/dev/null

jobs=$(( $(nproc) + 1 ))
# NOISY_BUILD: the bundled pjproject's compiler errors reach make.log instead of /dev/null.
make_all() { make -j"$jobs" NOISY_BUILD=yes >>"$work/make.log" 2>&1; }
first_errors() { grep -m 30 -E 'error:|Error [0-9]+|No such file' "$work/make.log" >&2 || tail -60 "$work/make.log" >&2; }
say "make -j$jobs (a few minutes on a quiet 2-core machine, much longer on a busy one)"
if ! make_all; then
  first_errors
  # pjproject's parallel build can race (pjsip/pjproject#2626: a library linked before the one it
  # needs is written). What was built stays built, so one more make in the same tree finishes it.
  say "make failed; once more in the same tree"
  make_all || { first_errors; exit 1; }
fi
say "install into $prefix"
rm -rf "$prefix"
make install >"$work/install.log" 2>&1 || { tail -40 "$work/install.log" >&2; exit 1; }
touch "$prefix/.complete"
say "built in $(( $(date +%s) - start )) s"
echo "$prefix"
