#!/usr/bin/env bash
# issue 16: the Windows executable under Wine (Debian's wine64). Builds it when missing (npm run build:exe).
#   bash scripts/test-exe-wine.sh        → one line per case with its exit code; exit 1 if any case is wrong
# Output goes to files: Node under Wine cannot write to a Unix pipe (EBADF), a file or a console is fine.
set -uo pipefail
cd "$(dirname "$0")/.."
EXE=dist-exe/balance-check-win-x64.exe
WINE=$(command -v wine64 || command -v wine || { [ -x /usr/lib/wine/wine64 ] && echo /usr/lib/wine/wine64; } || true)
if [ -z "$WINE" ]; then
  echo "wine not found: apt-get install -y --no-install-recommends wine64" >&2
  exit 3
fi
[ -f "$EXE" ] || node scripts/build-exe.mjs win-x64 || exit 3

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export WINEPREFIX="$tmp/prefix" WINEDEBUG=-all
# A fresh prefix says Windows 7, which Node 22 refuses: say Windows 10. PROMPT unset, as for a program
# started from Explorer (cmd.exe sets it).
unset PROMPT
"$WINE" winecfg /v win10 >/dev/null 2>&1
mkdir -p "$tmp/数据 目录"
cp fixtures/demo-county.xlsx "$tmp/数据 目录/青石县 2024.xlsx"
winpath() { printf 'Z:%s' "${1//\//\\}"; }

failed=0
# case name, expected exit code, text stdout or stderr must contain, then the arguments
check() {
  local name=$1 want=$2 text=$3
  shift 3
  local start=$SECONDS
  timeout 300 "$WINE" "$EXE" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" </dev/null
  local got=$?
  local ok=yes
  [ "$got" = "$want" ] || ok=no
  [ -z "$text" ] || cat "$tmp/out.txt" "$tmp/err.txt" | grep -qF -- "$text" || ok=no
  printf '%-44s exit %s (want %s)  %-3s %ss\n' "$name" "$got" "$want" "$ok" $((SECONDS - start))
  if [ "$ok" = no ]; then
    failed=1
    head -c 600 "$tmp/out.txt"
    head -c 600 "$tmp/err.txt"
  fi
}

check '--help' 0 '退出码 / exit codes' --help
check 'demo (fails on purpose)' 1 '青山县  结论：未达标' fixtures/demo-county.xlsx
check 'demo --lang en' 1 'Verdict: fail' fixtures/demo-county.xlsx --lang en
check 'validate demo' 0 '' validate fixtures/demo-county.xlsx
check '.xls (SheetJS worker inside the exe)' 1 '结论：未达标' fixtures/messy/demo.xls
check '"青石县 2024.xlsx" (Unix path)' 1 '结论：未达标' "$tmp/数据 目录/青石县 2024.xlsx"
check '"青石县 2024.xlsx" -f json' 1 '"exitCode": 1' "$(winpath "$tmp/数据 目录/青石县 2024.xlsx")" -f json
check '-o "结果 报告.xlsx" (Chinese, space)' 1 '' "$(winpath "$tmp/数据 目录/青石县 2024.xlsx")" -o "$(winpath "$tmp/数据 目录/结果 报告.xlsx")"
[ -s "$tmp/数据 目录/结果 报告.xlsx" ] || { echo '-o "结果 报告.xlsx": not written'; failed=1; }
check 'missing file' 3 '文件不存在：Z:' "$(winpath "$tmp/数据 目录/没有.xlsx")"
# Dropped on the exe: Explorer passes the full Windows path and nothing else.
check 'drop "青石县 2024.xlsx"' 1 '评估结果已保存' "$(winpath "$tmp/数据 目录/青石县 2024.xlsx")"
report="$tmp/数据 目录/青石县 2024-评估结果.xlsx"
if [ -s "$report" ] && cmp -s fixtures/demo-county.xlsx "$tmp/数据 目录/青石县 2024.xlsx"; then
  echo 'drop: report written beside the input, input unchanged    yes'
else
  echo 'drop: report written beside the input, input unchanged    no'
  failed=1
fi
# Started from cmd.exe (PROMPT set): the plain CLI, no report file.
PROMPT='$P$G' check 'full path from cmd.exe: not a drop' 1 '结论：未达标' "$(winpath "$tmp/数据 目录/青石县 2024.xlsx")"
if [ -e "$tmp/数据 目录/青石县 2024-评估结果 (2).xlsx" ]; then
  echo 'from cmd.exe: a report was written                       no'
  failed=1
fi
check 'drop again (numbered, no overwrite)' 1 '青石县 2024-评估结果 (2).xlsx' "$(winpath "$tmp/数据 目录/青石县 2024.xlsx")"
SERVER=$(command -v wineserver || ls /usr/lib/wine/wineserver64 /usr/lib/wine/wineserver 2>/dev/null | head -1)
[ -n "$SERVER" ] && "$SERVER" -k 2>/dev/null
[ "$failed" = 0 ] && echo 'wine: all cases as expected' || echo 'wine: some cases FAILED'
exit "$failed"
