# Cross compiler for the aarch64 compile check (preset aarch64-check, run by
# scripts/test.sh): Debian's g++-aarch64-linux-gnu, installed by
# scripts/setup.sh.
#
# Compile only. The build machine's x86-64 Debian packages (fmt, nlohmann-json,
# CLI11, Boost, GTest) are found for their headers, which are the same on every
# architecture; their x86-64 libraries are never linked, because the preset
# sets MIDIARENA_COMPILE_ONLY (static libraries and object files, no
# executables). A real aarch64 build would install the :arm64 packages instead.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
# The compiler checks build a static library: nothing to link against yet.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
# Package configs of the build machine (headers only, see above).
list(APPEND CMAKE_PREFIX_PATH /usr/lib/x86_64-linux-gnu/cmake /usr/lib/x86_64-linux-gnu)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY NEVER)
