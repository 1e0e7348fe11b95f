#pragma once
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cstddef>

namespace kopa {

// Founders are processed in fixed blocks. The block layout depends only on the founder count,
// never on the thread count, and per-block results are combined in block order: that is what
// makes sums bit-identical on 1, 2 or 64 threads.
inline constexpr std::size_t founder_block_size = 4096;

inline std::size_t block_count(std::size_t founders) {
  return (founders + founder_block_size - 1) / founder_block_size;
}

// Whether a run spreads its founder blocks over threads. An ensemble with at least as many runs
// as threads runs each one serially: the runs already fill the cores, and a few thousand small
// parallel loops per run would only add wake-up latency. Results are the same either way.
// `reversed` runs the blocks serially from the last: a test mode in which any result that
// depends on the order blocks finish in, rather than on block order, shows.
enum class Parallelism { blocks, serial, reversed };

// Calls body(block, begin, end) for every block, in parallel unless told otherwise.
template <class Body>
void for_each_block(Parallelism parallelism, std::size_t founders, Body&& body) {
  const std::size_t blocks = block_count(founders);
  if (parallelism == Parallelism::reversed) {
    for (std::size_t b = blocks; b-- > 0;) {
      const std::size_t begin = b * founder_block_size;
      body(b, begin, std::min(founders, begin + founder_block_size));
    }
    return;
  }
  if (parallelism == Parallelism::serial || blocks < 2) {
    for (std::size_t b = 0; b < blocks; ++b) {
      const std::size_t begin = b * founder_block_size;
      body(b, begin, std::min(founders, begin + founder_block_size));
    }
    return;
  }
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, blocks, 1),
      [&](const tbb::blocked_range<std::size_t>& range) {
        for (std::size_t b = range.begin(); b != range.end(); ++b) {
          const std::size_t begin = b * founder_block_size;
          body(b, begin, std::min(founders, begin + founder_block_size));
        }
      },
      tbb::simple_partitioner());
}

}  // namespace kopa
