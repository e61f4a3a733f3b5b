// Everything midiarena::parser offers, in one include:
//
//   #include <midiarena/midiarena.hpp>
//
//   const midiarena::MappedFile input("song.mid");
//   const auto file = midiarena::parse<midiarena::FlatVector>(input.bytes());
//   for (std::size_t i = 0; i < file.track_count(); ++i)
//     for (const midiarena::Event& event : file.track(i)) ...
//   const midiarena::Analysis facts = midiarena::analyze(file);
//
// The parser (smf_parser.hpp) fills any storage backend (backend.hpp); the
// backends here need no particular global allocator. Errors are
// midiarena::ParseError (parse_error.hpp), with the track and byte offset.
#pragma once

#include "midiarena/analysis.hpp"
#include "midiarena/backend.hpp"
#include "midiarena/dump.hpp"
#include "midiarena/event.hpp"
#include "midiarena/mapped_file.hpp"
#include "midiarena/meta.hpp"
#include "midiarena/note_count.hpp"
#include "midiarena/parse_error.hpp"
#include "midiarena/smf_parser.hpp"

#include "midiarena/allocators/boost_pool.hpp"
#include "midiarena/allocators/boxed_heap.hpp"
#include "midiarena/allocators/flat_vector.hpp"
#include "midiarena/allocators/pmr_monotonic.hpp"
#include "midiarena/allocators/pooled_arena.hpp"
#include "midiarena/allocators/typed_arena.hpp"
#include "midiarena/allocators/vec_owned.hpp"
