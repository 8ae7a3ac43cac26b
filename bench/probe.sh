#!/usr/bin/env bash
# Runs the training probe (./paretune bench probe) on a chosen nd4j-native build, including builds the services do
# not ship (avx512, onednn-avx512), taken from ~/.m2.
#   CLASSIFIER=linux-x86_64 | linux-x86_64-avx2 | linux-x86_64-onednn-avx2 | linux-x86_64-onednn-avx512 ...
#   JAVA_OPTS (e.g. -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g), OMP_NUM_THREADS (default 2)
# Needs: mvn -B -q -pl bench -am package -DskipTests, and the classifier jars in ~/.m2 (dnnl for onednn builds).
# Example: CLASSIFIER=linux-x86_64-onednn-avx2 bench/probe.sh --model cnn --variant base: --variant h:helpers=true
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
m2="${M2_REPO:-$HOME/.m2/repository}"
classifier="${CLASSIFIER:-linux-x86_64}"
jar="$root/bench/target/paretune-bench.jar"
[[ -f "$jar" ]] || { echo "probe.sh: $jar is missing: mvn -B -q -pl bench -am package -DskipTests" >&2; exit 1; }
# The bench jar's own libraries (its manifest), then the natives of the chosen build.
cp="$jar:$m2/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-$classifier.jar"
ext="${classifier#linux-x86_64}"
if [[ "$classifier" == *onednn* ]]; then
  cp="$cp:$m2/org/bytedeco/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7.jar:$m2/org/bytedeco/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7-linux-x86_64.jar"
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
cd "$root"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dorg.bytedeco.javacpp.platform.extension="$ext" -cp "$cp" io.paretune.bench.BenchCli probe "$@"
