// The corpus generator's random numbers: fully specified algorithms, so the
// same seed yields the same corpus on any machine, compiler and library
// (std::uniform_*_distribution is implementation-defined, so it is not used).
//
//   SplitMix64   Steele, Lea & Flood (2014); expands a seed into state.
//   Xoshiro256   xoshiro256** 1.0, Blackman & Vigna (2018); the stream.
#pragma once

#include <cstddef>
#include <cstdint>

namespace midiarena {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

 private:
  std::uint64_t state_;
};

class Xoshiro256 {
 public:
  // State from four SplitMix64 outputs, as the authors recommend.
  explicit Xoshiro256(std::uint64_t seed) {
    SplitMix64 expand(seed);
    for (auto& word : s_) word = expand.next();
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) for n < 2^32 by multiply-shift (Lemire) on the top
  // 32 bits; the bias (< n / 2^32) is irrelevant here and keeps it one step.
  std::uint32_t below(std::uint32_t n) {
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32);
  }
  // Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint32_t>(hi - lo + 1)));
  }
  // True with probability permille / 1000.
  bool chance(unsigned permille) { return below(1000) < permille; }
  // A uniformly chosen element of a non-empty array.
  template <class T, std::size_t N>
  const T& pick(const T (&items)[N]) {
    return items[below(N)];
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace midiarena
