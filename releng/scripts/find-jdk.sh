# Sourced by ./mvnw and ./prism: sets JAVA_HOME to a JDK of at least version $PRISM_MIN_JAVA (21),
# preferring JAVA_HOME, then the java on PATH, then JDKs installed in the usual places.
# Tycho 5 and the Eclipse 4.39 platform both need Java 21 or newer.
PRISM_MIN_JAVA=${PRISM_MIN_JAVA:-21}

prism_java_major() { # $1 = path of a java executable; prints its major version
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

prism_jdk_ok() { # $1 = a JDK home
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
  v=$(prism_java_major "$1/bin/java")
  [ -n "$v" ] && [ "$v" -ge "$PRISM_MIN_JAVA" ]
}

prism_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && prism_jdk_ok "$JAVA_HOME"; then return 0; fi
  if command -v javac >/dev/null 2>&1; then
    h=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if prism_jdk_ok "$h"; then JAVA_HOME=$h; export JAVA_HOME; return 0; fi
  fi
  best=""; bestv=0
  case $- in *f*) prism_noglob=1; set +f ;; *) prism_noglob=0 ;; esac  # mvnw runs with set -f
  for h in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* \
           /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$h/bin/javac" ] || continue
    v=$(prism_java_major "$h/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge "$PRISM_MIN_JAVA" ] && [ "$v" -gt "$bestv" ]; then best=$h; bestv=$v; fi
  done
  [ "$prism_noglob" = 1 ] && set -f
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "Prism needs a JDK $PRISM_MIN_JAVA or newer, and none was found (JAVA_HOME=${JAVA_HOME:-unset})." >&2
  echo "Install one, e.g. 'apt-get install openjdk-21-jdk' on Debian/Ubuntu or Temurin 21 from adoptium, then set JAVA_HOME to it." >&2
  return 1
}
