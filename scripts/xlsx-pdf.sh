#!/usr/bin/env bash
# issue 13, acceptance 1: print the xlsx report as an inspector would. LibreOffice (headless) converts the report
# of INPUT to PDF, pdftoppm renders the pages to PNG, and scripts/xlsx-pdf-check.mjs checks the PDF: every page
# A4 landscape, each 差异系数 block on one page (a page per level), the per-school sheets fit the page width (every
# page shows the first and the last column), a CJK font embedded (no tofu). Not part of .ci/run (LibreOffice is
# large); run it by hand after changing the xlsx layout.
#
#   scripts/xlsx-pdf.sh [INPUT (fixtures/demo-county.xlsx)] [OUTDIR (/tmp/balance-check-xlsx-pdf)]
#
# Needs, on Debian/Ubuntu: apt-get install -y libreoffice-calc-nogui fonts-noto-cjk poppler-utils
# Exit 0: all checks passed; 1: a check failed; 3: a tool is missing or the conversion failed.
set -euo pipefail
cd "$(dirname "$0")/.."
input=${1:-fixtures/demo-county.xlsx}
out=${2:-${TMPDIR:-/tmp}/balance-check-xlsx-pdf}

for tool in soffice pdfinfo pdftoppm pdffonts pdftotext; do
  if ! command -v "$tool" >/dev/null; then
    echo "xlsx-pdf: $tool is missing: apt-get install -y libreoffice-calc-nogui fonts-noto-cjk poppler-utils" >&2
    exit 3
  fi
done
[ -f dist/bundle/cli.mjs ] || { echo "xlsx-pdf: build first (npm run build)" >&2; exit 3; }

rm -rf "$out"
mkdir -p "$out"
# The report's own exit code says whether the county passed (0, 1) or its data has errors (2); all give a report.
status=0
node bin/balance-check.js "$input" -f xlsx -o "$out/report.xlsx" || status=$?
if [ "$status" -gt 2 ]; then
  echo "xlsx-pdf: balance-check exited $status" >&2
  exit 3
fi

# 宋体 (SimSun) is a Windows font: show it in the Simplified Chinese serif face, as Windows would, instead of
# whatever CJK face fontconfig finds first (often the Japanese one).
cat >"$out/fonts.conf" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>SimSun</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
</fontconfig>
EOF
# A profile of its own: no clash with a LibreOffice the user has open, nothing left in $HOME.
if ! FONTCONFIG_FILE="$out/fonts.conf" timeout 300 soffice --headless --norestore \
  "-env:UserInstallation=file://$out/lo-profile" --convert-to pdf --outdir "$out" "$out/report.xlsx" \
  >"$out/soffice.log" 2>&1 || [ ! -s "$out/report.pdf" ]; then
  echo "xlsx-pdf: LibreOffice did not convert the report (see $out/soffice.log)" >&2
  exit 3
fi
rm -rf "$out/lo-profile"

pdftoppm -r 60 -png "$out/report.pdf" "$out/page"
node scripts/xlsx-pdf-check.mjs "$out/report.xlsx" "$out/report.pdf"
echo "PNG pages: $(ls "$out"/page-*.png | wc -l) in $out (page-N.png)"
