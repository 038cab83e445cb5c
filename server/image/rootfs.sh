#!/usr/bin/env bash
# Assembles the container image's root file system from the building machine's JDK (Debian's
# openjdk-17-jdk-headless, which ships the jmods): a jlink runtime, the shared libraries it links against, and the
# few files a non-root JVM needs. Jib layers it on `scratch`, so no base image is pulled from any registry.
#   server/image/rootfs.sh <output dir>
set -euo pipefail
out=$1
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jcmd,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
stamp="$java_home $(cat "$java_home/release" | tr -d '\n') $modules $(sha256sum "$0" | cut -c1-16)"
if [ -f "$out/.stamp" ] && [ "$(cat "$out/.stamp")" = "$stamp" ]; then
  exit 0  # already assembled from this JDK by this script
fi
rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/data" "$out/home/nonroot"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" --strip-debug \
  --no-header-files --no-man-pages --compress=2 --output "$out/opt/java"
# Debian's JDK trusts the system's CA store through a link jlink does not follow.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

# Every shared library the runtime links against, outside the runtime itself, plus libgcc_s (glibc loads it
# when a thread is cancelled). Not those of the desktop's display, sound and font libraries: a server draws nothing.
libs=$(find "$out/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  -not -regex '.*/lib\(awt_xawt\|splashscreen\|jawt\|jsound\|fontmanager\|lcms\|javajpeg\)\.so' -exec ldd {} + 2>/dev/null \
  | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' | grep -v "^$out" | sort -u)
for lib in $libs $(ls /lib/x86_64-linux-gnu/libgcc_s.so.1 2>/dev/null); do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done

cat > "$out/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin
PASSWD
cat > "$out/etc/group" <<'GROUP'
root:x:0:
nonroot:x:65532:
GROUP
echo 'hosts: files dns' > "$out/etc/nsswitch.conf"
echo "$stamp" > "$out/.stamp"
