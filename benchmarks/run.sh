#!/usr/bin/env bash
# The benchmarks of BENCHMARKS.md, in one command (from anywhere):
#   benchmarks/run.sh                 # the full run: 5 rounds, about 25 minutes on 2 cores
#   benchmarks/run.sh --quick         # 1 round, fewer events: a few minutes
#   benchmarks/run.sh -Dbench.rounds=3 -Dbench.contenders=logback-file,timberlog-logback -Dbench.parts=ingest
# Options are -Dbench.* system properties (BENCHMARKS.md lists them). Results: benchmarks/target/bench-results/.
set -euo pipefail
cd "$(dirname "$0")/.."

options=()
for arg in "$@"; do
  case "$arg" in
    --quick) options+=("-Dbench.quick=true") ;;
    -D*) options+=("$arg") ;;
    *) echo "run.sh: unknown argument '$arg' (expected --quick or -Dbench.name=value)" >&2; exit 2 ;;
  esac
done

# zstd -19 is a column of the footprint table.
if ! command -v zstd >/dev/null 2>&1; then
  echo "zstd is not installed; installing it with apt-get (the footprint table compares against zstd -19)"
  if ! { apt-get install -y -q zstd >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q zstd >/dev/null 2>&1; }; }; then
    echo "could not install zstd: the zstd -19 column will say n/a"
  fi
fi

# Build the benchmarks and what they measure; the agent and the CLI too once their modules exist,
# which enables the agent contender and the query, recovery and start-up parts.
modules=benchmarks
[ -d agent ] && modules="$modules,agent"
[ -d query-cli ] && modules="$modules,query-cli"
mvn -B -q -pl "$modules" -am package -DskipTests

exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath/logback.txt)" \
  -Dbench.command="benchmarks/run.sh $*" "${options[@]}" io.timberlog.bench.Benchmarks
