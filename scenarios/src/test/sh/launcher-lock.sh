#!/usr/bin/env bash
# Manual check of the ./winsim launcher's build lock (not run by `./winsim test`, which holds the lock
# itself): after a source change, two commands started together must both succeed, exactly one of them
# builds (and says so on one line), and the other waits for that build and reuses its jar.
#   scenarios/src/test/sh/launcher-lock.sh        exit 0 and "PASS" when it holds
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../../.." && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
touch "$root/scenarios/src/main/java/org/winsim/scenarios/cli/Main.java"   # a "source change"
"$root/winsim" list >"$tmp/a.out" 2>"$tmp/a.err" & a=$!
sleep 0.2
"$root/winsim" list >"$tmp/b.out" 2>"$tmp/b.err" & b=$!
wait $a; ra=$?
wait $b; rb=$?
fail() { echo "FAIL: $*"; echo "--- a:"; cat "$tmp/a.err"; echo "--- b:"; cat "$tmp/b.err"; exit 1; }
[ $ra -eq 0 ] && [ $rb -eq 0 ] || fail "exit codes $ra and $rb"
n=$("$root/winsim" list | wc -l)  # the jar is built now: this one only lists
[ "$(wc -l <"$tmp/a.out")" -eq "$n" ] && cmp -s "$tmp/a.out" "$tmp/b.out" || fail "the two commands did not both list the $n scenarios"
builds=$(cat "$tmp/a.err" "$tmp/b.err" | grep -c '^winsim: building (first run or sources changed)...$')
[ "$builds" -eq 1 ] || fail "$builds builds, not 1"
! grep -q 'NoClassDefFoundError\|Could not replace\|Exception' "$tmp/a.err" "$tmp/b.err" || fail "a build was corrupted"
echo PASS
