# Sourced by ./mvnw: the workbench's tests start SWT on GTK 3 under an X display. Without either,
# tycho-surefire fails deep in the build ("process returned error code 13"); say so before Maven starts.
prism_runs_tests() { # the arguments run a phase with tests, and tests are not skipped
  t=1; phase=0
  for a in "$@"; do
    case "$a" in
      -DskipTests|-DskipTests=true|-Dmaven.test.skip|-Dmaven.test.skip=true) t=0 ;;
      test|integration-test|verify|install|deploy|*:test|*:integration-test) phase=1 ;;
    esac
  done
  [ "$t" = 1 ] && [ "$phase" = 1 ]
}

prism_check_ui_deps() {
  [ "$(uname -s)" = Linux ] || return 0
  [ -n "${PRISM_SKIP_UI_CHECK:-}" ] && return 0
  prism_runs_tests "$@" || return 0
  missing=""
  if ! { ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; } && ! ls /usr/lib/*/libgtk-3.so.0 /usr/lib/libgtk-3.so.0 >/dev/null 2>&1; then
    missing="GTK 3 (Debian/Ubuntu: libgtk-3-0)"
  fi
  if [ -z "${DISPLAY:-}" ] && ! command -v Xvfb >/dev/null 2>&1; then
    missing="${missing:+$missing and }an X display or Xvfb (Debian/Ubuntu: xvfb)"
  fi
  [ -z "$missing" ] && return 0
  echo "prism: the workbench tests need $missing, which this machine lacks." >&2
  echo "prism: install it, e.g. 'sudo apt-get install libgtk-3-0 xvfb' (./mvnw then starts a private Xvfb itself)," >&2
  echo "prism: or build without tests: ./mvnw verify -DskipTests. (.ci/run installs both.)" >&2
  return 1
}
