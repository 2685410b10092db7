# Shared helpers for the environment scripts (sourced, not run).

say() { printf '[dlnb] %s\n' "$*"; }
section() { printf '\n[dlnb] == %s ==\n' "$*"; }
fail() { printf '[dlnb] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }
is_macos() { [[ $(uname -s) == Darwin ]]; }

# macOS ships bash 3.2, which lacks what these scripts use (associative arrays).
if (( BASH_VERSINFO[0] < 4 )); then
  fail "these scripts need bash 4 or newer (this is bash $BASH_VERSION). On macOS: brew install bash, then run this again."
fi

# What to install on macOS (Homebrew) instead of each Debian package the scripts use. Not yet tried on a Mac.
declare -A MACOS_INSTEAD=(
  [openjdk-17-jdk-headless]="brew install openjdk@17 (then put it on PATH as brew's message says)"
  [maven]="brew install maven"
  [npm]="brew install node"
  [jupyter-notebook]="python3 -m venv ~/dlnb-jupyter && ~/dlnb-jupyter/bin/pip install 'notebook<7' nbconvert nbclient jupyter_client ipykernel, then export DLNB_JUPYTER=~/dlnb-jupyter/bin/jupyter"
  [chromium]="brew install --cask chromium && brew install chromedriver"
)

# Installs Debian packages when we may (root with apt-get); otherwise stops and says exactly what to run.
apt_install() {
  local why=$1; shift
  if is_macos; then
    local hints=() p
    for p in "$@"; do [[ -n ${MACOS_INSTEAD[$p]:-} ]] && hints+=("${MACOS_INSTEAD[$p]}"); done
    fail "$why is missing. On macOS install it with: ${hints[*]:-the equivalents of the Debian packages $*}; then run this again."
  fi
  if is_root && command -v apt-get >/dev/null 2>&1; then
    say "installing $* ($why) from Debian packages..."
    if [[ -z ${DLNB_APT_UPDATED:-} ]]; then
      DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || fail "apt-get update failed; check the machine's package sources."
      DLNB_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >/dev/null \
      || fail "apt-get install $* failed."
  elif command -v apt-get >/dev/null 2>&1; then
    fail "$why is missing. Install it with:  sudo apt-get update && sudo apt-get install -y $*   and run this again."
  else
    fail "$why is missing and this machine has no apt-get. Install the equivalents of these Debian packages: $*"
  fi
}

java_major() {
  java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

ensure_java_and_maven() {
  if ! command -v java >/dev/null 2>&1 || [[ $(java_major) -lt 17 ]]; then
    apt_install "Java 17 or newer" openjdk-17-jdk-headless
  fi
  command -v mvn >/dev/null 2>&1 || apt_install "Maven" maven
  say "Java $(java_major), $(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
}

# Debian's Jupyter, always by full path: the python3 on PATH may be another interpreter without Jupyter.
# DLNB_JUPYTER names another jupyter (its python3 beside it is used too), e.g. on macOS.
if [[ -n ${DLNB_JUPYTER:-} ]]; then
  JUPYTER=$DLNB_JUPYTER
  PYTHON=$(dirname "$DLNB_JUPYTER")/python3
else
  JUPYTER=/usr/bin/jupyter
  PYTHON=/usr/bin/python3
fi
JUPYTER_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)

jupyter_complete() {
  [[ -x $JUPYTER ]] && "$PYTHON" -c 'import notebook, nbconvert, nbclient, jupyter_client, ipykernel' 2>/dev/null
}

ensure_jupyter() {
  jupyter_complete || apt_install "Jupyter" "${JUPYTER_PACKAGES[@]}"
  jupyter_complete || fail "Jupyter is still incomplete after installing ${JUPYTER_PACKAGES[*]}."
  # Charts are drawn by Java2D, which needs at least one font (macOS has its own).
  if ! is_macos && { ! command -v fc-list >/dev/null 2>&1 || [[ -z $(fc-list 2>/dev/null | head -1) ]]; }; then
    apt_install "fonts for the charts" fontconfig fonts-dejavu-core
  fi
  say "Jupyter: notebook $("$PYTHON" -c 'import notebook; print(notebook.__version__)'), nbconvert $("$PYTHON" -c 'import nbconvert; print(nbconvert.__version__)')"
}

# Debian's chromium and its driver, for the browser test (lib/src/test/java/dlnb/notebooks/NotebookInBrowserIT).
# Installed when we may; otherwise the test is skipped and both this and the test say so.
ensure_browser() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    say "browser for the browser test: $(chromium --version 2>/dev/null | head -1)"
  elif ! is_macos && is_root && command -v apt-get >/dev/null 2>&1; then
    apt_install "Chromium (for the browser test)" chromium chromium-driver
    say "browser for the browser test: $(chromium --version 2>/dev/null | head -1)"
  else
    say "WARNING: chromium and chromedriver are not installed and cannot be installed here (needs root and apt-get):"
    say "         the browser test will be SKIPPED. To run it: sudo apt-get install chromium chromium-driver"
  fi
}

# Debian's numpy, for the test that numpy opens a saved model file (the .npz format promise); test.sh only.
ensure_numpy() {
  "$PYTHON" -c 'import numpy' 2>/dev/null || apt_install "numpy (for the saved-model test)" python3-numpy
  "$PYTHON" -c 'import numpy' 2>/dev/null || fail "numpy is still missing after installing python3-numpy."
}

build_library() {
  say "building the library (mvn package; the first run downloads about 430 MB of jars)..."
  # shellcheck disable=SC2086
  mvn -B -q --no-transfer-progress -Dstyle.color=never -DskipTests ${DLNB_MAVEN_ARGS:-} package \
    || fail "the library did not build; see Maven's messages above."
  say "notebook classpath: $(ls lib/target/notebook-classpath | wc -l) jars in lib/target/notebook-classpath/"
}
