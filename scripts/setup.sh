#!/usr/bin/env bash
# Installs every Debian package midiarena needs to build, test and benchmark,
# and the npm packages of bench_peers' JavaScript peers (pinned by
# benchmarks/peers/js/package-lock.json). Idempotent and non-interactive: a
# warm machine only pays a dpkg query and a lockfile comparison.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build clang libclang-rt-14-dev pkg-config git
  # the aarch64 compile check of the parser library (scripts/test.sh, preset aarch64-check)
  g++-aarch64-linux-gnu
  # C++ libraries (SPEC section 2)
  libbenchmark-dev libgtest-dev libgmock-dev libboost-dev
  libmimalloc-dev libjemalloc-dev libgoogle-perftools-dev libpfm4-dev
  libcli11-dev libfmt-dev nlohmann-json3-dev
  # peers for bench_peers (Boost.Process, which needs Boost.Filesystem, talks to the mido and Node.js workers)
  libportsmf-dev libsmf-dev libboost-filesystem-dev
  # measurement tools
  valgrind linux-perf util-linux
  # Python side: oracle, reports, plots, notebook
  python3 python3-mido python3-pandas python3-matplotlib python3-scipy
  python3-ipykernel jupyter-nbconvert python3-nbformat
)

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
updated=0
apt_install() {
  echo "setup: installing $*"
  [ "$updated" -eq 1 ] || { $SUDO apt-get update -qq; updated=1; }
  $SUDO apt-get install -y -qq --no-install-recommends "$@"
}

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
else
  apt_install "${missing[@]}"
fi

# The JavaScript peers of bench_peers: Node.js and npm (Debian's nodejs and
# npm, unless a node and npm are already on PATH, as from NodeSource, whose
# nodejs bundles npm and conflicts with Debian's), then midi-file and
# @tonejs/midi at the versions package-lock.json pins, into
# benchmarks/peers/js/node_modules. npm ci is skipped when node_modules
# already holds exactly what the lockfile says (npm's own record of it,
# node_modules/.package-lock.json, equals the lockfile's packages).
node_missing=()
command -v node >/dev/null || node_missing+=(nodejs)
command -v npm >/dev/null || node_missing+=(npm)
[ ${#node_missing[@]} -eq 0 ] || apt_install "${node_missing[@]}"

js=$(cd "$(dirname "$0")/../benchmarks/peers/js" && pwd)
if node -e '
  const fs = require("fs");
  const packages = (f) => JSON.stringify(JSON.parse(fs.readFileSync(f, "utf8")).packages, (k, v) => k === "" ? undefined : v);
  process.exit(packages(process.argv[1] + "/package-lock.json") === packages(process.argv[1] + "/node_modules/.package-lock.json") ? 0 : 1);
' "$js" 2>/dev/null; then
  echo "setup: JavaScript peers present ($js/node_modules)"
else
  echo "setup: npm ci in $js"
  (cd "$js" && npm ci --no-audit --no-fund --loglevel=error)
fi
