# Shared helpers for the environment scripts (sourced, not run).

say() { printf '[dlnb] %s\n' "$*"; }
section() { printf '\n[dlnb] == %s ==\n' "$*"; }
fail() { printf '[dlnb] ERROR: %s\n' "$*" >&2; exit 1; }

is_root() { [[ $(id -u) -eq 0 ]]; }

# Installs Debian packages when we may (root with apt-get); otherwise stops and says exactly what to run.
apt_install() {
  local why=$1; shift
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

JUPYTER=/usr/bin/jupyter
JUPYTER_PACKAGES=(jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel)

jupyter_complete() {
  [[ -x $JUPYTER ]] && /usr/bin/python3 -c 'import notebook, nbconvert, nbclient, jupyter_client, ipykernel' 2>/dev/null
}

ensure_jupyter() {
  # Always /usr/bin/jupyter: the python3 on PATH may be another interpreter without Jupyter.
  jupyter_complete || apt_install "Jupyter" "${JUPYTER_PACKAGES[@]}"
  jupyter_complete || fail "Jupyter is still incomplete after installing ${JUPYTER_PACKAGES[*]}."
  # Charts are drawn by Java2D, which needs at least one font.
  if ! command -v fc-list >/dev/null 2>&1 || [[ -z $(fc-list 2>/dev/null | head -1) ]]; then
    apt_install "fonts for the charts" fontconfig fonts-dejavu-core
  fi
  say "Jupyter: notebook $(/usr/bin/python3 -c 'import notebook; print(notebook.__version__)'), nbconvert $(/usr/bin/python3 -c 'import nbconvert; print(nbconvert.__version__)')"
}

build_library() {
  say "building the library (mvn package; the first run downloads about 430 MB of jars)..."
  # shellcheck disable=SC2086
  mvn -B -q --no-transfer-progress -Dstyle.color=never -DskipTests ${DLNB_MAVEN_ARGS:-} package \
    || fail "the library did not build; see Maven's messages above."
  say "notebook classpath: $(ls lib/target/notebook-classpath | wc -l) jars in lib/target/notebook-classpath/"
}
