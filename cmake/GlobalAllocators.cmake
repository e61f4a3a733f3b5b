# Process-wide allocators. Debian's libmimalloc, libjemalloc and libtcmalloc
# each export malloc, so linking one replaces the allocator of the whole
# process: every variant is its own executable, named by suffix.
#
#   midiarena_add_executable(NAME SOURCES... LIBS...)
# builds NAME (glibc) and, with MIDIARENA_ALLOCATOR_VARIANTS, NAME-mimalloc,
# NAME-jemalloc and NAME-tcmalloc. Each sees MIDIARENA_GLOBAL_ALLOCATOR_<X>
# so code that needs an allocator's own API (mi_heap, je_arena) compiles only
# where that allocator is linked.

find_package(mimalloc CONFIG QUIET)
pkg_check_modules(JEMALLOC QUIET IMPORTED_TARGET jemalloc)
pkg_check_modules(TCMALLOC QUIET IMPORTED_TARGET libtcmalloc_minimal)

set(MIDIARENA_GLOBAL_ALLOCATORS glibc)
if(MIDIARENA_ALLOCATOR_VARIANTS)
  if(TARGET mimalloc)
    list(APPEND MIDIARENA_GLOBAL_ALLOCATORS mimalloc)
  endif()
  if(JEMALLOC_FOUND)
    list(APPEND MIDIARENA_GLOBAL_ALLOCATORS jemalloc)
  endif()
  if(TCMALLOC_FOUND)
    list(APPEND MIDIARENA_GLOBAL_ALLOCATORS tcmalloc)
  endif()
endif()
message(STATUS "midiarena global allocators: ${MIDIARENA_GLOBAL_ALLOCATORS}")

function(midiarena_link_global_allocator target allocator)
  string(TOUPPER "${allocator}" upper)
  target_compile_definitions(${target} PRIVATE MIDIARENA_GLOBAL_ALLOCATOR_${upper}=1
                                               MIDIARENA_GLOBAL_ALLOCATOR="${allocator}")
  if(allocator STREQUAL "mimalloc")
    target_link_libraries(${target} PRIVATE mimalloc)
  elseif(allocator STREQUAL "jemalloc")
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  elseif(allocator STREQUAL "tcmalloc")
    target_link_libraries(${target} PRIVATE PkgConfig::TCMALLOC)
  endif()
endfunction()

function(midiarena_add_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
  foreach(allocator IN LISTS MIDIARENA_GLOBAL_ALLOCATORS)
    if(allocator STREQUAL "glibc")
      set(target ${name})
    else()
      set(target ${name}-${allocator})
    endif()
    if(MIDIARENA_COMPILE_ONLY)  # cross check: the objects, not linked
      add_library(${target} OBJECT ${ARG_SOURCES})
    else()
      add_executable(${target} ${ARG_SOURCES})
    endif()
    target_link_libraries(${target} PRIVATE ${ARG_LIBS})
    midiarena_link_global_allocator(${target} ${allocator})
  endforeach()
endfunction()
