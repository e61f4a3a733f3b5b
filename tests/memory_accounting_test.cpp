// The memory figures against hand-computed answers: what the counter sees,
// and what each backend allocates for small files built byte by byte.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "midiarena/allocation_counter.hpp"
#include "midiarena/allocators/registry.hpp"
#include "midiarena/event_layout.hpp"
#include "midiarena/memory_report.hpp"
#include "midiarena/smf_writer.hpp"

namespace midiarena {
namespace {

// Keeps the compiler from eliding an allocation it can see is unused.
void escape(void* p) { asm volatile("" : : "g"(p) : "memory"); }

TEST(AllocationCounter, CountsNewAndDeleteWhileAlive) {
  void* before = ::operator new(16);
  escape(before);
  AllocationCounter counter;
  void* p = ::operator new(100);
  escape(p);
  EXPECT_EQ(counter.stats().allocations, 1u);
  EXPECT_EQ(counter.stats().bytes_requested, 100u);
  EXPECT_GE(counter.stats().live_bytes, 100);  // usable size: 100 or more
  ::operator delete(p);
  EXPECT_EQ(counter.stats().deallocations, 1u);
  EXPECT_EQ(counter.stats().live_bytes, 0);
  EXPECT_GE(counter.stats().peak_live_bytes, 100);
  ::operator delete(before);  // allocated before counting: live goes below zero
  EXPECT_LT(counter.stats().live_bytes, 0);
}

TEST(AllocationCounter, CountsAlignedArrayAndLibraryAllocations) {
  AllocationCounter counter;
  void* aligned = ::operator new[](300, std::align_val_t{256});
  escape(aligned);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(aligned) % 256, 0u);
  ::operator delete[](aligned, std::align_val_t{256});
  std::vector<int> v(1000);
  escape(v.data());
  EXPECT_EQ(counter.stats().allocations, 2u);
  EXPECT_EQ(counter.stats().bytes_requested, 300u + 4000u);
}

TEST(AllocationCounter, NestedCountersAddUp) {
  AllocationCounter outer;
  void* a = ::operator new(10);
  escape(a);
  {
    AllocationCounter inner;
    void* b = ::operator new(20);
    escape(b);
    ::operator delete(b);
    EXPECT_EQ(inner.stats().allocations, 1u);
    EXPECT_EQ(inner.stats().bytes_requested, 20u);
  }
  EXPECT_EQ(outer.stats().allocations, 2u);
  EXPECT_EQ(outer.stats().deallocations, 1u);
  EXPECT_EQ(outer.stats().bytes_requested, 30u);
  ::operator delete(a);
  EXPECT_EQ(outer.stats().live_bytes, 0);
}

TEST(AllocationCounter, NotesCountOnlyWhileCounting) {
  note_allocation(1000, 1024);
  AllocationCounter counter;
  note_allocation(50, 64);
  note_deallocation(64);
  EXPECT_EQ(counter.stats().allocations, 1u);
  EXPECT_EQ(counter.stats().bytes_requested, 50u);
  EXPECT_EQ(counter.stats().peak_live_bytes, 64);
  EXPECT_EQ(counter.stats().live_bytes, 0);
}

// One track: `notes` note-on/note-off pairs under running status, then
// `texts` text events of `text_bytes` bytes each, then End-of-Track.
struct SmallFile {
  std::vector<std::uint8_t> bytes;
  std::size_t chunk_bytes;  // the MTrk body
  std::size_t events;
};

SmallFile small_file(int notes, int texts, std::size_t text_bytes) {
  TrackWriter track;
  for (int i = 0; i < notes; ++i) track.channel(10, 0x90, 60, 100).channel(10, 0x90, 60, 0);
  for (int i = 0; i < texts; ++i) track.meta(0, 0x01, std::string(text_bytes, 'x'));
  track.end_of_track();
  SmfWriter writer(0, 96);
  writer.track(track);
  return {writer.bytes(), track.bytes().size(), static_cast<std::size_t>(2 * notes + texts + 1)};
}

TEST(MemoryAccounting, FlatVectorTakesThreeBlocksOfKnownSize) {
  const SmallFile f = small_file(100, 4, 10);
  const MemoryReport r = measure_memory<FlatVector>(f.bytes);
  const std::size_t reserved_events = max_events_in(f.chunk_bytes);
  EXPECT_EQ(r.events, f.events);
  EXPECT_EQ(r.payload_bytes, 40u);
  EXPECT_EQ(r.event_size, sizeof(Event));
  // The payload buffer (input size), the track list, the track's reservation.
  EXPECT_EQ(r.allocations, 3u);
  EXPECT_EQ(r.bytes_requested, f.bytes.size() + sizeof(std::vector<Event>) + reserved_events * sizeof(Event));
  EXPECT_EQ(r.reserved_unused_bytes, (reserved_events - f.events) * sizeof(Event) + f.bytes.size() - 40);
  EXPECT_GE(r.peak_live_bytes, static_cast<std::int64_t>(r.bytes_requested));
  EXPECT_EQ(r.live_after_teardown, 0);
  EXPECT_DOUBLE_EQ(r.bytes_per_event(), static_cast<double>(r.peak_live_bytes) / static_cast<double>(f.events));
}

TEST(MemoryAccounting, BoxedHeapAllocatesPerEventAndPerPayload) {
  const SmallFile f = small_file(100, 4, 10);
  const MemoryReport r = measure_memory<BoxedHeap>(f.bytes);
  // A box per event, a buffer per non-empty payload, the track list and the
  // track's pointer reservation.
  EXPECT_EQ(r.allocations, f.events + 4 + 2);
  EXPECT_EQ(r.event_size, sizeof(BoxedHeap::BoxedEvent));
  EXPECT_GE(r.peak_live_bytes, static_cast<std::int64_t>(f.events * sizeof(BoxedHeap::BoxedEvent)));
  EXPECT_EQ(r.live_after_teardown, 0);
}

TEST(MemoryAccounting, VecOwnedAllocatesPerPayloadNotPerEvent) {
  const auto allocations = [](int notes, int texts, std::size_t text_bytes) {
    return measure_memory<VecOwned>(small_file(notes, texts, text_bytes).bytes).allocations;
  };
  EXPECT_EQ(allocations(10, 5, 8), allocations(10'000, 5, 8));  // events are inline
  EXPECT_EQ(allocations(10, 5, 8) - allocations(10, 5, 0), 5u);  // one block per non-empty payload
  // Exactly: 5 payloads, the track list, the track, and the owner list
  // growing to 6 entries (capacity 1, 2, 4, 8).
  EXPECT_EQ(allocations(10, 5, 8), 5u + 1 + 1 + 4);
}

TEST(MemoryAccounting, TypedArenaSlackIsTheChunkTails) {
  const SmallFile f = small_file(1000, 4, 10);
  const MemoryReport r = measure_memory<TypedArena>(f.bytes);
  // Event chunks: the first (1024 / 24 = 42 events), then one for the
  // track's reservation, max(2 x 42, bit_ceil(reservation)). Payloads fit
  // in the byte arena's first 1024-byte chunk.
  const std::size_t event_slots = 42 + std::max<std::size_t>(84, std::bit_ceil(max_events_in(f.chunk_bytes)));
  EXPECT_EQ(r.reserved_unused_bytes, (event_slots - f.events) * sizeof(Event) + (1024 - 40));
  EXPECT_EQ(r.live_after_teardown, 0);
}

// The exact variant gives back each track's unused room: its only slack is
// the payload arena's chunk tail, and it holds less than typed_arena.
TEST(MemoryAccounting, TypedArenaExactKeepsNoEventSlack) {
  const SmallFile f = small_file(1000, 4, 10);
  const MemoryReport exact = measure_memory<TypedArenaExact>(f.bytes);
  const MemoryReport arena = measure_memory<TypedArena>(f.bytes);
  EXPECT_EQ(exact.events, f.events);
  EXPECT_EQ(exact.reserved_unused_bytes, 1024u - 40);
  // The storage, the payload arena's chunk list and first chunk, the block
  // list, the track's block (its malloc and its realloc), the track list.
  EXPECT_EQ(exact.allocations, 7u);
  EXPECT_LT(exact.peak_live_bytes, arena.peak_live_bytes);
  EXPECT_EQ(exact.live_after_teardown, 0);
}

TEST(EventLayout, ContiguousTracksStepBySizeofEvent) {
  const SmallFile f = small_file(1000, 4, 10);
  const auto file = parse<FlatVector>(f.bytes);
  const EventStride stride = event_stride(file);
  EXPECT_EQ(stride.bytes, static_cast<std::int64_t>(sizeof(Event)));
  EXPECT_DOUBLE_EQ(stride.fraction, 1.0);
  EXPECT_EQ(stride.steps, f.events - 1);
  // The events' lines (the array may start mid-line) and the 40 payload bytes'.
  const std::size_t event_lines = (f.events * sizeof(Event) + 63) / 64;
  EXPECT_GE(first_touch_lines(file), event_lines);
  EXPECT_LE(first_touch_lines(file), event_lines + 1 + 2);
  const MemoryReport r = measure_memory<FlatVector>(f.bytes);
  EXPECT_EQ(r.event_stride.bytes, static_cast<std::int64_t>(sizeof(Event)));
  EXPECT_GE(r.resident_bytes, 0);  // measured: page-granular growth, never unread on Linux
}

TEST(MemoryAccounting, PmrMonotonicTakesOneBufferFromUpstream) {
  const SmallFile f = small_file(1000, 4, 10);
  const MemoryReport r = measure_memory<PmrMonotonic>(f.bytes);
  EXPECT_EQ(r.allocations, 2u);  // the resource object and its initial buffer
  EXPECT_GE(r.bytes_requested, PmrMonotonic::initial_buffer_bytes(f.bytes.size()));
  EXPECT_EQ(r.live_after_teardown, 0);
}

// The document's O(1)-vs-O(log n) claim, as block counts: the arena-like
// backends take O(log n) blocks for n events, the boxed layouts at least n.
TEST(MemoryAccounting, ArenasTakeLogarithmicallyManyBlocks) {
  for (int notes : {128, 1024, 8192, 65536}) {
    SCOPED_TRACE(notes);
    const SmallFile f = small_file(notes, notes / 8, 20);  // ~2.5 payload bytes per event: byte arenas grow too
    const double log_n = std::log2(static_cast<double>(f.events));
    const auto bound = static_cast<std::uint64_t>(8 + 2 * log_n);
    EXPECT_LE(measure_memory<TypedArena>(f.bytes).allocations, bound);
    EXPECT_LE(measure_memory<PmrMonotonic>(f.bytes).allocations, bound);
    EXPECT_LE(measure_memory<PooledArena>(f.bytes).allocations, bound);  // a fresh pool
    EXPECT_GE(measure_memory<BoxedHeap>(f.bytes).allocations, f.events);
  }
}

TEST(MemoryAccounting, BoostPoolTakesLogarithmicallyManyBlocksForEvents) {
  for (int notes : {128, 1024, 8192, 65536}) {
    const SmallFile f = small_file(notes, 0, 0);
    // Pool blocks of 32, 64, 128, ... objects, plus pool, track list, track.
    const auto blocks = static_cast<std::uint64_t>(std::bit_width((f.events + 31) / 32));
    EXPECT_EQ(measure_memory<BoostPool>(f.bytes).allocations, blocks + 3) << notes;
  }
}

TEST(MemoryAccounting, WarmPoolParsesWithoutAllocating) {
  const SmallFile f = small_file(5000, 50, 30);
  PooledArena::Factory pool;
  const MemoryReport cold = measure_memory<PooledArena>(f.bytes, {}, pool);
  EXPECT_GT(cold.allocations, 0u);
  EXPECT_GT(cold.live_after_teardown, 0);  // the pool keeps the chunks
  const MemoryReport warm = measure_memory<PooledArena>(f.bytes, {}, pool);
  EXPECT_EQ(warm.allocations, 0u);
  EXPECT_EQ(warm.live_after_teardown, 0);
  EXPECT_EQ(warm.events, cold.events);
}

// Every backend: figures consistent with the events it holds, and all
// memory back at teardown except what a pool keeps on purpose.
TEST(MemoryAccounting, EveryBackendAccountsForItsEvents) {
  const SmallFile f = small_file(3000, 30, 40);
  AllBackends::for_each([&]<Backend B>() {
    SCOPED_TRACE(B::name);
    const MemoryReport r = measure_memory<B>(f.bytes);  // a fresh factory: a pool allocates its chunks
    EXPECT_EQ(r.backend, B::name);
    EXPECT_EQ(r.events, f.events);
    EXPECT_EQ(r.payload_bytes, 30u * 40u);
    EXPECT_GE(r.peak_live_bytes, static_cast<std::int64_t>(r.events * r.event_size + r.payload_bytes));
    EXPECT_EQ(r.live_after_teardown > 0, kSharesAcrossFiles<B>);  // a pool keeps its chunks
  });
}

// mi_heap and je_arena allocate outside operator new and report it
// themselves: a box per event, a block per non-empty payload, the pointer
// array, plus (through operator new) the track list and the heap object.
template <class B>
void expect_heap_backend_counts_every_block() {
  const SmallFile f = small_file(100, 4, 10);
  const MemoryReport r = measure_memory<B>(f.bytes);
  EXPECT_EQ(r.allocations, f.events + 4 + 1 + 2);
  EXPECT_GE(r.bytes_requested, f.events * sizeof(Event) + 40);
  EXPECT_EQ(r.live_after_teardown, 0);
}

#if defined(MIDIARENA_GLOBAL_ALLOCATOR_MIMALLOC)
TEST(MemoryAccounting, MiHeapCountsEveryBlock) { expect_heap_backend_counts_every_block<MiHeap>(); }
#endif
#if defined(MIDIARENA_GLOBAL_ALLOCATOR_JEMALLOC)
TEST(MemoryAccounting, JeArenaCountsEveryBlock) { expect_heap_backend_counts_every_block<JeArena>(); }
#endif

}  // namespace
}  // namespace midiarena
