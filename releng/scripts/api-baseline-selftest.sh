#!/bin/sh
# Shows that the API baseline check (bundles/pom.xml, tycho-baseline-plugin) fails the build on an
# incompatible change: in a copy of the tree, Explanation.format is renamed (a method of the ISV API
# removed) while prism.core's bundle version is bumped, so that only the package rule can fail it; the
# build of prism.core must then fail and ask for prism.core.scheme 2.0.0. The unchanged copy must pass.
# Usage: api-baseline-selftest.sh REPO_DIR   (run by the product module in the integration-test phase)
set -u
repo=$(cd "$1" && pwd -P)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
copy="$work/tree"
mkdir -p "$copy"
# The sources only: no build output, no git data.
(cd "$repo" && tar --exclude=./.git --exclude='*/target' --exclude=./target -cf - .) | (cd "$copy" && tar -xf -)
build() { (cd "$copy" && ./mvnw -o -B -q -DskipTests verify -pl bundles/prism.core -am) > "$work/log" 2>&1; }
if ! build; then
  echo "FAIL - the unchanged prism.core does not pass its baseline"; tail -n 40 "$work/log"; exit 1
fi
echo "ok   - the unchanged prism.core passes its API baseline"
src="$copy/bundles/prism.core/src/prism/core/scheme/Explanation.java"
sed -i 's/public static String format(Object v) {/public static String formatValue(Object v) {/; s/\bformat(value(j))/formatValue(value(j))/' "$src"
sed -i 's/^Bundle-Version: \([0-9]*\)\.\([0-9]*\)\.\([0-9]*\)\.qualifier/Bundle-Version: \1.\2.99.qualifier/' "$copy/bundles/prism.core/META-INF/MANIFEST.MF"
if build; then
  echo "FAIL - removing Explanation.format without a major version of prism.core.scheme was not caught"; exit 1
fi
if grep -q "Baseline problems found" "$work/log" && grep -q "prism.core.scheme.Explanation/format" "$work/log"; then
  echo "ok   - removing Explanation.format fails the build:"
  grep "MAJOR *│PACKAGE" "$work/log" | head -n 1 | sed 's/^/     /'
  exit 0
fi
echo "FAIL - the build failed, but not on the baseline:"; tail -n 40 "$work/log"; exit 1
