# Sourced by ./mvnw, ./charter and .ci/run: make JAVA_HOME point at a JDK >= 21.
# Order: JAVA_HOME if it is recent enough, else the newest JDK under /usr/lib/jvm, else `java` on the PATH.

charter_java_major() {  # prints the major version of the java binary given, or 0
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; exit }'
}

charter_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(charter_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  best="" best_major=0
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(charter_java_major "$dir/bin/java")
    if [ "${major:-0}" -gt "$best_major" ]; then best="$dir" best_major="$major"; fi
  done
  if [ "$best_major" -ge 21 ]; then
    JAVA_HOME="$best"; export JAVA_HOME; return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(charter_java_major "$home/bin/java")" -ge 21 ]; then JAVA_HOME="$home"; export JAVA_HOME; return 0; fi
  fi
  echo "charter: no JDK 21 or newer found (looked at JAVA_HOME, /usr/lib/jvm and the PATH); install one and set JAVA_HOME" >&2
  return 1
}
