# cmake -D BUILD_DIR=... -D CONSUMER_DIR=... -D WORK_DIR=... -D GENERATOR=...
#       -D CXX_COMPILER=... -D CXX_FLAGS=... -D LINKER_FLAGS=... -D MIDIARENA_CLI=... -P test_installed_package.cmake
#
# Installs BUILD_DIR into WORK_DIR/prefix, checks that the installed library
# defines no operator new (measurement stays out of midiarena::parser),
# builds CONSUMER_DIR against the prefix only, and runs it on its built-in
# file and on a file `midiarena gen` writes.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})

file(GLOB_RECURSE library ${prefix}/lib*/libmidiarena_parser.a)
if(NOT library)
  message(FATAL_ERROR "no libmidiarena_parser.a under ${prefix}")
endif()
find_program(NM nm REQUIRED)
run(${NM} --defined-only --demangle ${library})
if(out MATCHES "operator new|operator delete")
  message(FATAL_ERROR "${library} defines a global operator new or delete")
endif()

# Only the prefix: no path into the source or build tree.
run(${CMAKE_COMMAND} -S ${CONSUMER_DIR} -B ${WORK_DIR}/consumer -G ${GENERATOR}
    -D CMAKE_CXX_COMPILER=${CXX_COMPILER} "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}"
    -D CMAKE_BUILD_TYPE=Release -D CMAKE_PREFIX_PATH=${prefix})
run(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)

run(${WORK_DIR}/consumer/track_summary)
message("${out}")
if(NOT out MATCHES "format 0, 1 tracks, division 96\ntrack 0: 4 events, 1 notes\n0.500 seconds")
  message(FATAL_ERROR "unexpected summary of the built-in file")
endif()

run(${MIDIARENA_CLI} gen --profile small --count 1 --seed 7 --out ${WORK_DIR}/corpus)
file(GLOB generated ${WORK_DIR}/corpus/*.mid)
run(${WORK_DIR}/consumer/track_summary ${generated})
message("${out}")
if(NOT out MATCHES "track 1: [0-9]+ events")
  message(FATAL_ERROR "unexpected summary of ${generated}")
endif()
message("installed package: ok")
