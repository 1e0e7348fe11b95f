#!/usr/bin/env bash
# Installs, when missing, exactly the Debian 12 packages that kopa's build, tests and benchmarks
# need. Idempotent and non-interactive: a machine that already has them is left untouched, so
# `make test` costs nothing extra after the first time.
set -euo pipefail

# The one list of kopa's system dependencies (see ../shared/debian-packages.md for why each).
packages=(
  g++ cmake make pkg-config
  libtbb-dev
  libhdf5-dev hdf5-tools netcdf-bin
  libboost-program-options-dev
  # SHA-256 of scenario and sweep text (sim/util/sha256.cpp) from OpenSSL's libcrypto rather than
  # a hand-written digest: a maintained, tested implementation (named in the hardening note).
  libssl-dev
  # MPI: `mpirun -n N kopa sweep|run` over ranks (docs/distributed.md); a plain kopa calls no MPI.
  libopenmpi-dev openmpi-bin
  librandom123-dev
  libtomlplusplus-dev
  libgtest-dev googletest
  libbenchmark-dev
  python3 python3-h5py python3-xarray python3-h5netcdf python3-numpy
  python3-openturns
  clang clang-format libclang-rt-14-dev
  nodejs chromium
  # kopa serve's HTTP server (sim/serve/server.cpp).
  libcpp-httplib-dev
  help2man bash-completion
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

echo "setup-deps: installing ${missing[*]}" >&2
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run_as_root=(sudo -n)
  else
    echo "setup-deps: these Debian packages are missing and I am not root: ${missing[*]}" >&2
    echo "setup-deps: install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
else
  run_as_root=()
fi

export DEBIAN_FRONTEND=noninteractive
if ! "${run_as_root[@]}" apt-get update -qq; then
  echo "setup-deps: 'apt-get update' failed: is the network or the package mirror reachable?" >&2
  exit 1
fi
if ! "${run_as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then
  echo "setup-deps: could not install: ${missing[*]}" >&2
  exit 1
fi
echo "setup-deps: done" >&2
