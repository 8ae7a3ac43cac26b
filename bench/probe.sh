#!/usr/bin/env bash
# Runs io.paretune.worker.bench.TrainingProbe from the worktree's compiled classes with a chosen nd4j-native build.
#   CLASSIFIER=linux-x86_64 | linux-x86_64-avx2 | linux-x86_64-onednn-avx2 | linux-x86_64-onednn-avx512 ...
#   JAVA_OPTS (e.g. -Xmx1g -Dorg.bytedeco.javacpp.maxbytes=1g), OMP_NUM_THREADS (default 2)
# Needs: mvn -B -o -q -pl trainer-worker -am compile, and the classifier jars in ~/.m2 (dnnl for onednn builds).
# Example: CLASSIFIER=linux-x86_64-onednn-avx2 bench/probe.sh --model cnn --variant base: --variant h:helpers=true
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
m2="${M2_REPO:-$HOME/.m2/repository}"
classifier="${CLASSIFIER:-linux-x86_64}"
cpfile="$root/trainer-worker/target/probe-classpath.txt"
if [[ ! -s "$cpfile" ]]; then
  (cd "$root" && mvn -B -o -q -pl trainer-worker dependency:build-classpath -Dmdep.outputFile="$cpfile" >&2)
fi
# Project modules from this worktree, not from ~/.m2; the nd4j-native natives jar of the chosen build.
deps="$(tr ':' '\n' < "$cpfile" | grep -v '/io/paretune/' | grep -v 'nd4j-native-1.0.0-M2.1-linux-x86_64.jar' | paste -sd:)"
cp="$root/shared/contract/target/classes:$root/shared/ml/target/classes:$root/trainer-worker/target/classes:$deps"
cp="$cp:$m2/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-$classifier.jar"
ext="${classifier#linux-x86_64}"
if [[ "$classifier" == *onednn* ]]; then
  cp="$cp:$m2/org/bytedeco/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7.jar:$m2/org/bytedeco/dnnl/2.5.2-1.5.7/dnnl-2.5.2-1.5.7-linux-x86_64.jar"
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}"
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -Dorg.bytedeco.javacpp.platform.extension="$ext" -cp "$cp" io.paretune.worker.bench.TrainingProbe "$@"
