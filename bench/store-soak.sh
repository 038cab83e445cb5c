#!/usr/bin/env bash
# One storage soak run: a fresh store in DIR, the driver jar from the local Maven repository, StoreSoak under nice.
#   bench/store-soak.sh h2:2.3.232 DIR [URL-SUFFIX] -- [StoreSoak options]
#   bench/store-soak.sh sqlite:3.54.1.0 DIR [URL-SUFFIX] -- [StoreSoak options]
# URL-SUFFIX is appended to the JDBC URL (";MAX_COMPACT_TIME=2000" for H2, "?..." for SQLite).
# H2 always gets the server's own options (Database.embeddedH2Url): WRITE_DELAY=0 etc.
# SNAPSHOT=DIR0 copies a store made with --load-only into DIR first and passes --preloaded (same fleet options!).
set -euo pipefail
engine=$1 dir=$2; shift 2
suffix=""
if [[ $# -gt 0 && $1 != "--" ]]; then suffix=$1; shift; fi
[[ ${1:-} == "--" ]] && shift
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/groundstation-bench.jar
[[ -f $jar ]] || { echo "build first: ./mvnw -o -q -pl protocol,bench -am package -DskipTests" >&2; exit 2; }
name=${engine%%:*} version=${engine#*:}
case $name in
  h2) coords=com.h2database:h2:$version; path=com/h2database/h2/$version/h2-$version.jar ;;
  sqlite) coords=org.xerial:sqlite-jdbc:$version; path=org/xerial/sqlite-jdbc/$version/sqlite-jdbc-$version.jar ;;
  *) echo "engine is h2:VERSION or sqlite:VERSION" >&2; exit 2 ;;
esac
driver=$HOME/.m2/repository/$path
[[ -f $driver ]] || (cd "$here/.." && ./mvnw -q dependency:get -Dartifact="$coords")
rm -rf "$dir" && mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
preloaded=()
if [[ -n ${SNAPSHOT:-} ]]; then
  cp "$SNAPSHOT"/* "$dir"/
  preloaded=(--preloaded)
fi
case $name in
  h2) url="jdbc:h2:file:$dir/soak;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000$suffix"; files=$dir/soak ;;
  sqlite) url="jdbc:sqlite:$dir/soak.db$suffix"; files=$dir/soak.db ;;
esac
exec nice -n 10 java -Xmx1g -cp "$jar:$driver" io.groundstation.bench.store.StoreSoak --url "$url" --files "$files" "${preloaded[@]}" "$@"
