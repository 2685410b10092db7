#!/usr/bin/env bash
# Installs the Java kernel for Jupyter as the kernelspec "java" (the name IJava and JJava use too, so notebooks
# open unchanged with any of them): rapaio-jupyter-kernel, fetched with Maven, with JVM options for ND4J, started
# with dlnb's kernel patch (kernel-patch/, built by `mvn package`) before it on the class path: a message loop that
# starts every time and a logging configuration that keeps the kernel quiet (warnings only).
# An existing "java" kernelspec that dlnb did not install is left alone and used.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source "$ROOT/environment/lib.sh"

MARKER=dlnb

existing=$("$JUPYTER" kernelspec list --json 2>/dev/null | "$PYTHON" -c '
import json, sys
spec = json.load(sys.stdin)["kernelspecs"].get("java")
print(spec["resource_dir"] if spec else "")')
if [[ -n $existing ]]; then
  if ! "$PYTHON" -c "import json,sys; sys.exit(0 if '$MARKER' in json.load(open('$existing/kernel.json')).get('metadata', {}) else 1)" 2>/dev/null; then
    say "a kernel named 'java' is already installed at $existing and is not dlnb's: leaving it alone and using it."
    say "(to use dlnb's kernel instead: $JUPYTER kernelspec remove java, then run this again)"
    exit 0
  fi
fi

[[ -d lib/target/classes/dlnb ]] || fail "the library is not built yet (run environment/setup.sh)."
PATCH=kernel-patch/target/dlnb-kernel-patch.jar
[[ -f $PATCH ]] || fail "the kernel patch is not built yet: $PATCH is missing (run environment/setup.sh)."
# The native build that fits this CPU: only Linux on x86-64 has a choice (macOS and Windows have one build each).
variant=""
if [[ $(uname -s) == Linux && $(uname -m) == x86_64 ]]; then
  variant=$(java -cp lib/target/classes dlnb.backend.NativeVariant)
fi
# OpenBLAS's kernels for this CPU (see dlnb.backend.OpenBlasCore); one the user has set is kept.
coretype=${OPENBLAS_CORETYPE:-$(java -cp lib/target/classes dlnb.backend.OpenBlasCore)}

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
mvn -B -q --no-transfer-progress -Dstyle.color=never -N -Pjava-kernel -Djava-kernel.dir="$staging" validate \
  || fail "could not fetch rapaio-jupyter-kernel with Maven."
jar=$(cd "$staging" && ls rapaio-jupyter-kernel-*.jar)

target="$("$JUPYTER" --data-dir)/kernels/java"
mkdir -p "$target"
cp "$staging/$jar" "$target/$jar.part" && mv "$target/$jar.part" "$target/$jar"
find "$target" -name 'rapaio-jupyter-kernel-*.jar' ! -name "$jar" -delete
patch_jar=$(basename "$PATCH")
cp "$PATCH" "$target/$patch_jar.part" && mv "$target/$patch_jar.part" "$target/$patch_jar"
main_class=$("$PYTHON" -c '
import sys, zipfile
manifest = zipfile.ZipFile(sys.argv[1]).read("META-INF/MANIFEST.MF").decode()
print(next(l.split(":", 1)[1].strip() for l in manifest.splitlines() if l.startswith("Main-Class:")))' "$target/$jar") \
  || fail "$jar names no Main-Class in its manifest."

# Memory: a quarter of RAM for the Java heap (at most 4 GiB), and room off the heap for ND4J's arrays.
if is_macos; then mem_kib=$(( $(sysctl -n hw.memsize) / 1024 )); else mem_kib=$(awk '/^MemTotal:/ {print $2}' /proc/meminfo); fi
heap_mib=$(( mem_kib / 4 / 1024 )); (( heap_mib > 4096 )) && heap_mib=4096
offheap_mib=$(( mem_kib / 2 / 1024 ))
physical_mib=$(( mem_kib * 3 / 4 / 1024 ))

KERNEL_DIR="$target" JAR="$target/$jar" PATCH_JAR="$target/$patch_jar" MAIN_CLASS="$main_class" JAVA_BIN="$(readlink -f "$(command -v java)")" VARIANT="$variant" \
HEAP="${heap_mib}m" OFFHEAP="${offheap_mib}m" PHYSICAL="${physical_mib}m" MARKER="$MARKER" CORETYPE="$coretype" \
"$PYTHON" - <<'PY'
import json, os
e = os.environ
spec = {
    # The Vector API module makes the library's fused element-wise passes available (see dlnb.ops.Simd).
    "argv": [e["JAVA_BIN"], "--add-modules", "jdk.incubator.vector", "-Xmx" + e["HEAP"],
             "-Dorg.bytedeco.javacpp.maxbytes=" + e["OFFHEAP"],
             "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + e["PHYSICAL"],
             *(["-Dorg.bytedeco.javacpp.platform.extension=" + e["VARIANT"]] if e["VARIANT"] else []),
             # The patch first: its LoopThread and logging.properties replace the kernel's own.
             "-cp", e["PATCH_JAR"] + os.pathsep + e["JAR"], e["MAIN_CLASS"], "{connection_file}"],
    "display_name": "Java (dlnb)",
    "language": "java",
    "interrupt_mode": "message",
    # OMP_WAIT_POLICY: idle OpenMP threads sleep instead of spinning, so the library's own two-thread passes get the
    # second core (see dlnb.backend.Threads). OPENBLAS_CORETYPE: OpenBLAS's kernels for this CPU, where its own
    # detection picks slower ones (see dlnb.backend.OpenBlasCore).
    "env": {"RJK_TIMEOUT_MILLIS": "-1", "RJK_COMPILER_OPTIONS": "", "RJK_INIT_SCRIPT": "", "RJK_CLASSPATH": "",
            "OMP_WAIT_POLICY": "PASSIVE", **({"OPENBLAS_CORETYPE": e["CORETYPE"]} if e["CORETYPE"] else {})},
    "metadata": {e["MARKER"]: {"native_variant": e["VARIANT"], "kernel_patch": os.path.basename(e["PATCH_JAR"])}},
}
path = os.path.join(e["KERNEL_DIR"], "kernel.json")
with open(path + ".part", "w") as f:
    json.dump(spec, f, indent=2)
os.replace(path + ".part", path)
PY
build="the only one for this platform"
[[ -n $variant ]] && build="linux-x86_64$variant"
blas=""
[[ -n $coretype ]] && blas=", OpenBLAS kernels $coretype"
say "Java kernel 'java' ($jar with $patch_jar, native build $build$blas, heap ${heap_mib} MiB) installed in $target"
