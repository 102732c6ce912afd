#!/usr/bin/env bash
# Starts an example application in the foreground, writing its TimberLog store to DIR, until it is
# stopped (Ctrl-C) or killed. exec leaves the JVM with this script's pid, so "run-example.sh ... &"
# followed by "kill -9 $!" kills the application itself.
#
# Usage: examples/run-example.sh logback-app|log4j2-app DIR
# Build first (once): mvn -B -q -DskipTests verify
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 logback-app|log4j2-app DIR" >&2
  exit 2
fi
app=$1
dir=$2
here=$(cd "$(dirname "$0")" && pwd)
case "$app" in
  logback-app) main=io.timberlog.examples.logback.ShopService ;;
  log4j2-app) main=io.timberlog.examples.log4j2.PaymentGateway ;;
  *) echo "$0: unknown application '$app' (logback-app or log4j2-app)" >&2; exit 2 ;;
esac
if [ ! -d "$here/$app/target/lib" ]; then
  echo "$0: $app is not built; run: mvn -B -q -DskipTests verify" >&2
  exit 2
fi
exec java -Dtimberlog.dir="$dir" -cp "$here/$app/target/classes:$here/$app/target/lib/*" "$main"
