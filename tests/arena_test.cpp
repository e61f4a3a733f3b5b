// Arena<T> keeps Rust typed-arena 2.x's promises: chunk sizes, stable
// references, contiguous alloc_extend, no reallocation; and the typed_arena
// backend gives each track one contiguous slice (the document's test).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <ranges>
#include <vector>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/allocators/typed_arena.hpp"
#include "midiarena/smf_parser.hpp"
#include "midiarena/smf_writer.hpp"
#include "midiarena/arena.hpp"

namespace midiarena {
namespace {

// 8-byte objects: the first chunk holds 1024 / 8 = 128 of them.
using U64Arena = Arena<std::uint64_t>;

TEST(Arena, FirstChunkHoldsOneKibibyteOfObjects) {
  U64Arena arena;
  EXPECT_EQ(arena.chunk_count(), 1u);
  EXPECT_EQ(arena.capacity(), 128u);
  struct Big {
    char bytes[3000];
  };
  EXPECT_EQ(Arena<Big>().capacity(), 1u);  // at least one object
}

TEST(Arena, ChunksDoubleWhenFull) {
  U64Arena arena;
  for (std::uint64_t i = 0; i < 128; ++i) arena.alloc(i);
  EXPECT_EQ(arena.chunk_count(), 1u);
  arena.alloc(128);  // 129th object: a chunk of 2 x 128
  EXPECT_EQ(arena.chunk_count(), 2u);
  EXPECT_EQ(arena.capacity(), 128u + 256u);
  for (std::uint64_t i = 129; i < 384; ++i) arena.alloc(i);
  EXPECT_EQ(arena.chunk_count(), 2u);
  arena.alloc(384);
  EXPECT_EQ(arena.capacity(), 128u + 256u + 512u);
  EXPECT_EQ(arena.size(), 385u);
}

TEST(Arena, ReferencesStayValidAcrossGrowth) {
  U64Arena arena;
  std::vector<std::uint64_t*> early;
  for (std::uint64_t i = 0; i < 100; ++i) early.push_back(&arena.alloc(i * 7));
  for (std::uint64_t i = 0; i < 100'000; ++i) arena.alloc(i);
  EXPECT_EQ(arena.chunk_count(), 10u);  // 128 x (2^10 - 1) >= 100,100 > 128 x (2^9 - 1)
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_EQ(*early[i], i * 7);
}

TEST(Arena, AllocsInOneChunkAreAdjacent) {
  U64Arena arena;
  std::uint64_t* first = &arena.alloc(0);
  for (std::uint64_t i = 1; i < 128; ++i) EXPECT_EQ(&arena.alloc(i) - first, static_cast<std::ptrdiff_t>(i));
}

TEST(Arena, AllocExtendIsContiguous) {
  U64Arena arena;
  const std::vector<std::uint64_t> values = {5, 6, 7, 8, 9};
  const std::span<std::uint64_t> slice = arena.alloc_extend(values);
  ASSERT_EQ(slice.size(), 5u);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(slice[i], values[i]);
  EXPECT_TRUE(arena.alloc_extend(std::vector<std::uint64_t>{}).empty());
}

TEST(Arena, SizedExtendThatDoesNotFitStartsANewChunk) {
  U64Arena arena;
  for (std::uint64_t i = 0; i < 100; ++i) arena.alloc(i);  // 28 slots left
  std::vector<std::uint64_t> fifty(50);
  std::iota(fifty.begin(), fifty.end(), 1000);
  const auto slice = arena.alloc_extend(fifty);
  EXPECT_EQ(arena.chunk_count(), 2u);
  EXPECT_EQ(arena.capacity(), 128u + 256u);  // max(2 x 128, bit_ceil(50))
  EXPECT_TRUE(std::ranges::equal(slice, fifty));
  EXPECT_EQ(&arena.alloc(1) - slice.data(), 50);  // the next object follows the slice
}

TEST(Arena, LargeExtendGetsAPowerOfTwoChunk) {
  U64Arena arena;
  const auto slice = arena.alloc_extend(std::views::iota(std::uint64_t{0}, std::uint64_t{1000}));
  EXPECT_EQ(arena.capacity(), 128u + 1024u);  // bit_ceil(1000) > 2 x 128
  EXPECT_EQ(slice.size(), 1000u);
  EXPECT_EQ(slice[999], 999u);
}

TEST(Arena, UnsizedExtendThatOutgrowsItsChunkMovesToANewOne) {
  U64Arena arena;
  for (std::uint64_t i = 0; i < 120; ++i) arena.alloc(i);  // 8 slots left
  auto evens = std::views::iota(std::uint64_t{0}, std::uint64_t{60}) |
               std::views::filter([](std::uint64_t v) { return v % 2 == 0; });  // 30 values, no size
  const auto slice = arena.alloc_extend(evens);
  ASSERT_EQ(slice.size(), 30u);
  for (std::size_t i = 0; i < 30; ++i) EXPECT_EQ(slice[i], 2 * i);
  EXPECT_EQ(arena.chunk_count(), 2u);
  EXPECT_EQ(arena.size(), 150u);  // the 8 first tried in chunk 1 were moved, not copied
}

TEST(Arena, PushedRunMovesWhenItOutgrowsItsReservation) {
  U64Arena arena;
  U64Arena::Run open = arena.begin_extend(10);
  for (std::uint64_t i = 0; i < 1000; ++i) {
    arena.make_room(open, 1);
    arena.extend(open, i);
  }
  const auto run = arena.end_extend(open);
  ASSERT_EQ(run.size(), 1000u);
  for (std::size_t i = 0; i < 1000; ++i) ASSERT_EQ(run[i], i);
}

struct Counted {
  static inline int alive = 0;
  Counted() { ++alive; }
  Counted(const Counted&) { ++alive; }
  ~Counted() { --alive; }
};

TEST(Arena, DestroysEveryObjectOnceWithTheArena) {
  {
    Arena<Counted> arena;
    for (int i = 0; i < 1000; ++i) arena.alloc(Counted{});
    arena.alloc_extend(std::vector<Counted>(50));
    EXPECT_EQ(Counted::alive, 1050);
  }
  EXPECT_EQ(Counted::alive, 0);
}

TEST(Arena, ResetDestroysObjectsKeepsChunksAndReusesThemWithoutAllocating) {
  Arena<Counted> arena;
  for (int i = 0; i < 5000; ++i) arena.alloc(Counted{});
  const std::size_t chunks = arena.chunk_count(), capacity = arena.capacity();
  arena.reset();
  EXPECT_EQ(Counted::alive, 0);
  EXPECT_EQ(arena.size(), 0u);
  EXPECT_EQ(arena.chunk_count(), chunks);
  AllocationCounter counter;
  for (int i = 0; i < 5000; ++i) arena.alloc(Counted{});
  EXPECT_EQ(counter.stats().allocations, 0u);
  EXPECT_EQ(arena.capacity(), capacity);
}

// The document's test_arena_event_contiguity, for every track of a parsed file.
TEST(TypedArena, TrackEventsAreAdjacentInMemory) {
  SmfWriter writer(1, 480);
  for (int t = 0; t < 3; ++t) {
    TrackWriter track;
    track.meta(0, 0x03, "track name");
    for (int i = 0; i < 2000; ++i)
      track.channel(10, 0x90 | t, 60 + i % 12, 100).channel(10, 0x80 | t, 60 + i % 12, 0);
    writer.track(track.end_of_track());
  }
  const auto bytes = writer.bytes();
  const auto file = parse<TypedArena>(bytes);
  ASSERT_EQ(file.track_count(), 3u);
  for (std::size_t t = 0; t < 3; ++t) {
    const std::span<const Event> events = file.track(t);
    ASSERT_EQ(events.size(), 4002u);
    for (std::size_t i = 0; i + 1 < events.size(); ++i) ASSERT_EQ(&events[i + 1] - &events[i], 1);
  }
}

}  // namespace
}  // namespace midiarena
