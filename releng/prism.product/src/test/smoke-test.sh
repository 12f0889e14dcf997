#!/bin/sh
# End-to-end test of the materialized Linux product, through its own `prism` launcher, as IT runs
# it from cron: headless commands and their exit codes, removing a scheme bundle from the product
# folder, and the workbench opening under X (Xvfb) with no error in its log.
# Usage: smoke-test.sh PRODUCT_DIR   (run by Maven in the integration-test phase)
set -u
product=$(cd "$1" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
home="$work/home"
mkdir -p "$home"
# user.home decides the default database and workspace: keep the tester's own out of it.
export PRISM_VMARGS="-Xmx1g -Duser.home=$home"
failures=0
passes=0
results="$(dirname "$0")/../../target/smoke-test.results"
pass() { echo "ok   - $1"; passes=$((passes + 1)); }
fail() { echo "FAIL - $1"; failures=$((failures + 1)); }
check() { # description, then a command that must succeed
  d=$1; shift
  if "$@"; then pass "$d"; else fail "$d"; fi
}
expect_code() { # description, expected code, command…
  d=$1; want=$2; shift 2
  "$@" > "$work/out" 2> "$work/err"; got=$?
  if [ "$got" = "$want" ]; then pass "$d (exit $got)"; else fail "$d: exit $got, expected $want"; sed 's/^/     /' "$work/err" | tail -n 20; fi
}
contains() { grep -q -- "$2" "$1"; }

P="$product/prism"
db="$work/db"
asof=2026-03-31

expect_code "schemes lists the installed schemes" 0 "$P" schemes
for s in value.tier value.rfm value.clv value.churn lifecycle.stage lifecycle.pipeline geography.zone personality.type needs.level decision.factor; do
  check "  $s is listed" contains "$work/out" "^$s "
done

expect_code "generate" 0 "$P" generate --customers 2000 --out "$work/data" --seed 3 --as-of $asof
expect_code "import" 0 "$P" import --db "$db" --customers "$work/data/customers.csv" --orders "$work/data/orders.csv" --interactions "$work/data/interactions.csv"
expect_code "classify" 0 "$P" classify --db "$db" --as-of $asof
check "  run 1 has ten schemes" contains "$work/out" "^Run 1: 2,000 customers, 10 schemes"
expect_code "export" 0 "$P" export --db "$db" --out "$work/classes.csv"
check "  export header" contains "$work/classes.csv" "^customer_id,scheme,class,score,explanation$"
check "  a refused customer is unprofitable" contains "$work/classes.csv" "^C0000001,lifecycle.stage,unprofitable,"
check "  a Japanese prospect is international-asia" contains "$work/classes.csv" "^C0000002,geography.zone,international-asia,"
check "  the biggest spender is high value" contains "$work/classes.csv" "^C0000008,value.tier,high,"
rows=$(wc -l < "$work/classes.csv")
if [ "$rows" -eq 20001 ]; then pass "  20,000 assignments exported"; else fail "  $rows lines exported, expected 20001"; fi
expect_code "runs" 0 "$P" runs --db "$db"
check "  the fitted model is stored with the run" contains "$work/out" "^  model value.clv: r=[0-9.]* alpha=[0-9.]* a=[0-9.]* b=[0-9.]* p=[0-9.]* q=[0-9.]* gamma=[0-9.]*$"
check "  value.churn's model is BG/NBD's" contains "$work/out" "^  model value.churn: r=[0-9.]* alpha=[0-9.]* a=[0-9.]* b=[0-9.]*$"

# The CDNOW 1/10 sample as customers and orders: the published BG/NBD and Gamma-Gamma parameters to three
# significant figures, and customer 0001's predicted value = its expected purchases × expected value per purchase.
cdnow="$(dirname "$0")/../../../../bundles/prism.scheme.predictive.tests/data/CDNOW_sample.txt"
awk 'BEGIN { print "id,name" } !seen[$2]++ { print $2 ",CDNOW " $2 }' "$cdnow" > "$work/cd-customers.csv"
awk 'BEGIN { print "id,customer_id,date,amount" }
     { printf "%s-%d,%s,%s-%s-%s,%s\n", $2, NR, $2, substr($3, 1, 4), substr($3, 5, 2), substr($3, 7, 2), $5 }' "$cdnow" > "$work/cd-orders.csv"
expect_code "CDNOW: import" 0 "$P" import --db "$work/cd-db" --customers "$work/cd-customers.csv" --orders "$work/cd-orders.csv"
expect_code "  classify as of 1997-09-30, 39 weeks ahead" 0 "$P" classify --db "$work/cd-db" --as-of 1997-09-30 --scheme value.clv --set value.clv.horizonWeeks=39
expect_code "  runs" 0 "$P" runs --db "$work/cd-db"
# three significant figures: |fitted - published| < half a unit of the published value's last figure
if awk '/^  model value.clv:/ { for (i = 3; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } found = 1 }
        END { if (!found) exit 1
              n = split("r 0.243 0.0005 alpha 4.414 0.005 a 0.793 0.0005 b 2.426 0.005 p 6.25 0.005 q 3.74 0.005 gamma 15.44 0.05", w, " ")
              for (i = 1; i <= n; i += 3) if (v[w[i]] - w[i + 1] >= w[i + 2] || w[i + 1] - v[w[i]] > w[i + 2]) { print w[i] "=" v[w[i]] " is not " w[i + 1]; exit 1 } }' "$work/out"
then pass "  the published parameters to three significant figures"; else fail "  the published parameters: $(grep 'model value.clv' "$work/out")"; fi
expect_code "  export value.clv" 0 "$P" export --db "$work/cd-db" --scheme value.clv --out "$work/cd-clv.csv"
# customer 0001: x = 2, its repeat purchases 29.73 and 14.96; 1.226 purchases expected in 39 weeks (published)
if awk -F, '$1 == "0001" { ev = 6.25 * (15.44 + 29.73 + 14.96) / (6.25 * 2 + 3.74 - 1); want = 1.226 * ev
        d = $4 - want; if (d < 0) d = -d; ok = d < 0.0015 * want; print $4, want } END { exit !ok }' "$work/cd-clv.csv" > "$work/cd-0001"
then pass "  customer 0001's value.clv score is 1.226 × its expected value per purchase ($(cat "$work/cd-0001"))"
else fail "  customer 0001's value.clv score: $(cat "$work/cd-0001"), $(grep '^0001,' "$work/cd-clv.csv")"; fi

printf 'id,customer_id,date,amount\nX1,C0000001,2026-01-01,12,5\n' > "$work/bad.csv"
expect_code "a malformed row is bad input" 1 "$P" import --db "$db" --orders "$work/bad.csv"
check "  the message names file, line and column" contains "$work/err" "bad.csv:2:5: expected 4 columns as in the header row, found 5"
expect_code "an unknown command is a usage error" 2 "$P" classfy --db "$db"
expect_code "an unknown scheme is a usage error" 2 "$P" classify --db "$db" --scheme no.such
expect_code "runs lists run 1" 0 "$P" runs --db "$db"
check "  run 1 is listed" contains "$work/out" "^Run 1  as of $asof"

# Removing a scheme plugin the supported way: its jar and its bundles.info line.
copy="$work/product-copy"
cp -R "$product" "$copy"
info="$copy/configuration/org.eclipse.equinox.simpleconfigurator/bundles.info"
jar=$(ls "$copy"/plugins/prism.scheme.geography_*.jar)
rm "$jar"
grep -v '^prism.scheme.geography,' "$info" > "$info.new" && mv "$info.new" "$info"
expect_code "without the geography bundle, schemes works" 0 "$copy/prism" schemes
if contains "$work/out" "geography.zone"; then fail "  geography.zone is still listed"; else pass "  geography.zone is gone"; fi
check "  the other schemes remain" contains "$work/out" "^personality.type "
expect_code "  classify runs the remaining schemes" 0 "$copy/prism" classify --db "$db" --as-of $asof
check "  run 2 has nine schemes" contains "$work/out" "^Run 2: 2,000 customers, 9 schemes"
expect_code "  the past run's geography results stay readable" 0 "$copy/prism" export --db "$db" --run 1 --scheme geography.zone --out "$work/geo.csv"
rows=$(wc -l < "$work/geo.csv")
if [ "$rows" -eq 2001 ]; then pass "  2,000 geography rows of run 1"; else fail "  $rows geography lines, expected 2001"; fi
expect_code "  runs marks the scheme not installed" 0 "$copy/prism" runs --db "$db"
check "  (not installed) shown" contains "$work/out" "geography.zone.*(not installed)"

# Adding a third-party scheme the same way: drop its jar into plugins/ and add its bundles.info line.
example=${2:-}
if [ -n "$example" ] && [ -f "$example" ]; then
  version=$(unzip -p "$example" META-INF/MANIFEST.MF | tr -d '\r' | sed -n 's/^Bundle-Version: //p')
  cp "$example" "$copy/plugins/com.example.prism.customertype_$version.jar"
  echo "com.example.prism.customertype,$version,plugins/com.example.prism.customertype_$version.jar,4,false" >> "$info"
  expect_code "with the example plugin dropped in, schemes works" 0 "$copy/prism" schemes
  check "  example.customertype is listed" contains "$work/out" "^example.customertype "
  expect_code "  classify runs it with the others" 0 "$copy/prism" classify --db "$db" --as-of $asof
  check "  run 3 has ten schemes" contains "$work/out" "^Run 3: 2,000 customers, 10 schemes"
  expect_code "  its classes are exported" 0 "$copy/prism" export --db "$db" --scheme example.customertype --out "$work/types.csv"
  check "  a refused enterprise is an enterprise" contains "$work/types.csv" "^C0000001,example.customertype,enterprise,"
else
  fail "the example plugin jar was not given (second argument)"
fi

run_ui() {
  if [ -n "${DISPLAY:-}" ]; then "$@"; return $?; fi
  if command -v xvfb-run >/dev/null 2>&1; then xvfb-run -a -s "-screen 0 1280x900x24" "$@"; return $?; fi
  echo "no DISPLAY and no xvfb-run: install xvfb (apt-get install xvfb) to test the workbench" >&2
  return 99
}
# Plugins through p2, as IT installs them: from the example ISV's own repository by a file: URL, into a
# fresh copy of the product (the copy above had a bundle removed by hand).
repo=${3:-}
if [ -n "$repo" ] && [ -d "$repo" ]; then
  p2copy="$work/product-p2"
  cp -R "$product" "$p2copy"
  pdb="$work/p2-db"
  Q="$p2copy/prism"
  expect_code "plugins lists the installed features" 0 "$Q" plugins
  check "  the platform, marked" contains "$work/out" "^prism.feature .*\[platform\]"
  check "  each scheme family a feature" contains "$work/out" "^prism.scheme.personality.feature "
  expect_code "plugins --repository lists what the example repository offers" 0 "$Q" plugins --repository "file:$repo"
  check "  the customer-type feature" contains "$work/out" "^com.example.prism.customertype.feature "
  expect_code "  import for the plugin runs" 0 "$Q" import --db "$pdb" --customers "$work/data/customers.csv" --orders "$work/data/orders.csv"
  expect_code "  run 1 without the plugin" 0 "$Q" classify --db "$pdb" --as-of $asof
  expect_code "install the example feature by a file: URL" 0 "$Q" install --repository "file:$repo" --feature com.example.prism.customertype.feature
  expect_code "  schemes lists it in the next command" 0 "$Q" schemes
  check "  example.customertype is listed" contains "$work/out" "^example.customertype "
  expect_code "  plugins lists it, removable" 0 "$Q" plugins
  check "  com.example.prism.customertype.feature installed" contains "$work/out" "^com.example.prism.customertype.feature .*Example Corp"
  # The restart p2 asks for after an install: the workbench restarts itself once, the launcher starts it again.
  PRISM_VMARGS="$PRISM_VMARGS -Dprism.exitAfterStartup=true -Dprism.restartOnceAfterStartup=$work/starts" run_ui timeout 300 "$Q" > "$work/ui-p2.out" 2>&1
  code=$?
  if [ $code -eq 0 ]; then pass "  the workbench starts with the plugin installed (exit 0)"; else fail "  the workbench with the plugin: exit $code"; tail -n 30 "$work/ui-p2.out"; fi
  starts=$(wc -l < "$work/starts" 2>/dev/null || echo 0)
  if [ "$starts" -eq 2 ]; then pass "  asked to restart, the launcher started it again"; else fail "  the workbench started $starts times, expected 2 (a restart)"; fi
  expect_code "  classify runs it" 0 "$Q" classify --db "$pdb" --as-of $asof
  check "  run 2 has eleven schemes" contains "$work/out" "^Run 2: 2,000 customers, 11 schemes"
  expect_code "uninstall it" 0 "$Q" uninstall --feature com.example.prism.customertype.feature
  expect_code "  schemes no longer lists it" 0 "$Q" schemes
  if contains "$work/out" "example.customertype"; then fail "  example.customertype still listed"; else pass "  example.customertype is gone"; fi
  check "  the other schemes stay" contains "$work/out" "^value.tier "
  expect_code "  classify without it" 0 "$Q" classify --db "$pdb" --as-of $asof
  check "  run 3 has ten schemes" contains "$work/out" "^Run 3: 2,000 customers, 10 schemes"
  expect_code "  run 2's plugin classes stay readable" 0 "$Q" export --db "$pdb" --run 2 --scheme example.customertype --out "$work/p2types.csv"
  check "  a refused enterprise is an enterprise" contains "$work/p2types.csv" "^C0000001,example.customertype,enterprise,"
  expect_code "  runs marks it not installed" 0 "$Q" runs --db "$pdb"
  check "  (not installed) shown" contains "$work/out" "example.customertype.*(not installed)"
  expect_code "a feature the repository lacks is bad input" 1 "$Q" install --repository "file:$repo" --feature no.such.feature
  check "  the message names what it has" contains "$work/err" "it has com.example.prism.customertype.feature"
  expect_code "an unreachable repository" 4 "$Q" install --repository "file:$work/no-such-repo" --feature com.example.prism.customertype.feature
  check "  the message says it cannot be read" contains "$work/err" "cannot read the plugin repository"
  expect_code "a plugin needing a newer Prism" 5 "$Q" install --repository "file:$repo" --feature com.example.prism.needsnewer.feature
  check "  the message names the missing requirement" contains "$work/err" "prism.core.scheme"
  expect_code "the platform cannot be removed" 1 "$Q" uninstall --feature prism.feature
  check "  the message says so" contains "$work/err" "part of the Prism platform"
  expect_code "a shipped scheme family can be removed" 0 "$Q" uninstall --feature prism.scheme.geography.feature
  expect_code "  schemes without geography" 0 "$Q" schemes
  if contains "$work/out" "geography.zone"; then fail "  geography.zone still listed"; else pass "  geography.zone is gone"; fi
else
  fail "the example p2 repository was not given (third argument)"
fi

expect_code "demo at a small size" 0 "$P" demo --customers 1500 --db "$work/demo-db"
check "  its summary shows the new families" contains "$work/out" "^decision.factor — Decision factor"
if grep -Eq '^  [a-z_-]+ +0 ' "$work/out"; then fail "  a class without customers in the demo: $(grep -E '^  [a-z_-]+ +0 ' "$work/out" | head -n 3 | tr '\n' ' ')"
else pass "  every class of every scheme has customers in the demo"; fi
check "  the summary names every scheme" contains "$work/out" "^personality.type"
expect_code "  classify after the demo" 0 "$P" classify --db "$work/demo-db"
check "  it takes the demo's facts, none recomputed" contains "$work/out" "(incremental: 0 customers recomputed"

# The workbench: a window under X, closed by itself after start-up, with no error in the log.
PRISM_VMARGS="$PRISM_VMARGS -Dprism.exitAfterStartup=true" run_ui timeout 300 "$P" > "$work/ui.out" 2>&1
code=$?
if [ $code -eq 0 ]; then pass "the workbench opened and closed (exit 0)"; else fail "the workbench: exit $code"; tail -n 30 "$work/ui.out"; fi
log="$home/.prism/workspace/.metadata/.log"
check "  the workbench used the workspace in user.home" test -d "$home/.prism/workspace/.metadata"
if [ -f "$log" ] && grep -q '^!ENTRY [^ ]* 4 ' "$log"; then
  fail "the workbench log has errors"; sed 's/^/     /' "$log" | head -n 60
else
  pass "no error in the workbench log"
fi

echo "$passes $failures" > "$results"
if [ $failures -eq 0 ]; then echo "product smoke test: all $passes passed"; exit 0; fi
echo "product smoke test: $failures failed"
exit 1
