#!/usr/bin/env bash
# Installs what gasrisk needs from Debian when it is missing: PostgreSQL 15
# with PostGIS 3, GDAL's command-line tools, a CJK font and mosquitto. As root it runs apt-get;
# otherwise it says what to install and fails.
set -euo pipefail

need=()
pgbin=$(pg_config --bindir 2>/dev/null || echo /usr/lib/postgresql/15/bin)
[ -x "$pgbin/pg_ctl" ] || need+=(postgresql-15)
sharedir=$(pg_config --sharedir 2>/dev/null || echo /usr/share/postgresql/15)
ls "$sharedir"/extension/postgis.control >/dev/null 2>&1 || need+=(postgresql-15-postgis-3)
command -v ogr2ogr >/dev/null 2>&1 || need+=(gdal-bin)
# A CJK font for the Chinese labels of the printed risk map (else English).
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need+=(fonts-wqy-microhei)
# The MQTT broker live detectors publish to (demo and tests start their own).
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
for extra in "$@"; do
  case "$extra" in
    chromium) command -v chromium >/dev/null 2>&1 || need+=(chromium) ;;
    node) command -v npm >/dev/null 2>&1 || need+=(nodejs npm) ;;
    # poppler-utils: the tests read the printed map's PDF back (pdftoppm, pdffonts).
    poppler) command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils) ;;
  esac
done

[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "gasrisk needs these Debian packages: ${need[*]}" >&2
  echo "install them with:  sudo apt-get update && sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "installing ${need[*]} with apt-get (a minute or two on a fresh machine) …" >&2
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt or dpkg (unattended-upgrades on a fresh machine)
# instead of failing on its lock; show apt's own progress.
apt=(apt-get -o DPkg::Lock::Timeout=600 -o APT::Color=0)
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${need[@]}"
