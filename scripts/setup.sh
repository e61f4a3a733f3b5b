#!/usr/bin/env bash
# Installs every Debian package midiarena needs to build, test and benchmark.
# Idempotent and non-interactive: a warm machine only pays a dpkg query.
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
  # peers for bench_peers (Boost.Process, which needs Boost.Filesystem, talks to the mido worker)
  libportsmf-dev libsmf-dev libboost-filesystem-dev
  # measurement tools
  valgrind linux-perf util-linux
  # Python side: oracle, reports, plots, notebook
  python3 python3-mido python3-pandas python3-matplotlib python3-scipy
  python3-ipykernel jupyter-nbconvert python3-nbformat
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
