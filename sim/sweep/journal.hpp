#pragma once
// The sweep journal (docs/output-format.md, "Sweep journal"): every finished run of a sweep,
// appended to a plain file beside the target as it finishes, so that a sweep killed at any
// moment (kill -9, a power cut) loses at most the runs not yet synced, and `--resume` goes on
// from there. HDF5 1.10 files can be left unreadable by a kill during a write; an append-only
// file of checksummed records cannot: a torn last record is simply dropped.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "model/metrics.hpp"
#include "util/expected.hpp"

namespace kopa::sweep {

// What the journal belongs to; resume refuses a journal whose header differs from the sweep's.
struct JournalHeader {
  std::string sweep_sha256;  // of the sweep file's text
  std::string base_sha256;   // of the resolved base scenario (a changed base file changes it)
  std::string kopa_version;
  std::string git_commit;
  std::uint64_t points = 0;
  std::uint64_t replicates = 0;
  std::uint64_t values_per_run = 0;  // doubles in one run: every metric, then cohort survival
  bool operator==(const JournalHeader&) const = default;
};

struct Sweep;

// The header of `sweep`'s journal when run by this build, whose runs have `months` and `labels`.
JournalHeader journal_header_for(const Sweep& sweep, int months, const DimensionLabels& labels);

// One run's values as a flat list: every metric of the catalog in order, month-major, then the
// cohort survival (launched by year, then operating by year).
std::vector<double> flatten(const RunSeries& series);
std::uint64_t values_per_run(int months, const DimensionLabels& labels);
// Back into a series of the given shape; `values` must have values_per_run(...) entries.
RunSeries unflatten(const std::vector<double>& values, int months, const DimensionLabels& labels);

struct JournalRecord {
  std::uint32_t point = 0;
  std::uint32_t replicate = 0;
  std::vector<double> values;
};

// What a scan found: the header, how many good records, and where the whole records end.
struct JournalScan {
  JournalHeader header;
  std::uint64_t records = 0;      // whole records whose checksum matched
  std::uint64_t damaged = 0;      // whole records whose checksum did not: their runs are redone
  std::uint64_t valid_bytes = 0;  // header plus every whole record, good or damaged
  bool torn = false;              // bytes after the whole records (a record cut by a kill)
};

// Why a journal cannot be scanned: its header. `holds_runs` is false only when the file holds
// no record at all (a sweep killed while creating it): starting afresh then loses nothing.
struct JournalProblem {
  std::string message;
  bool holds_runs = true;
};

// Reads the header and every whole record in file order, handing each good one to `each` (which
// may stop the scan by returning an error: then that error comes back as a JournalProblem).
// Records are of fixed size, so a damaged record (a garbled byte, bit rot) is skipped and the
// scan goes on with the next. Errors: not a regular file, unreadable, not a journal, a header cut
// short or damaged.
Expected<JournalScan> scan_journal(const std::filesystem::path& path,
                                   const std::function<Status(const JournalRecord&)>& each = {},
                                   JournalProblem* problem = nullptr);

// Appends records. Syncs to disk every `sync_every` records or `sync_seconds` seconds, and when
// closed: a power cut loses at most that much; a killed process loses only a record it was
// writing (the kernel keeps what was written).
class JournalWriter {
 public:
  // A new journal at `path`, its header synced to disk. An existing regular file is replaced;
  // anything else at `path` (a folder, a device, a link) is refused.
  static Expected<JournalWriter> create(const std::filesystem::path& path,
                                        const JournalHeader& header);
  // An existing journal, cut after its whole records (dropping a torn one), for appending.
  static Expected<JournalWriter> reopen(const std::filesystem::path& path, const JournalScan& scan);

  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;
  JournalWriter(const JournalWriter&) = delete;
  JournalWriter& operator=(const JournalWriter&) = delete;
  ~JournalWriter();

  Status append(std::uint32_t point, std::uint32_t replicate, const std::vector<double>& values);
  Status sync();

 private:
  JournalWriter(int fd, std::filesystem::path path, std::uint64_t values_per_run);
  int fd_ = -1;
  std::filesystem::path path_;
  std::uint64_t values_per_run_ = 0;
  std::uint32_t unsynced_ = 0;
  std::int64_t last_sync_ms_ = 0;
};

// ".<target file name>.journal" beside the target.
std::filesystem::path journal_path_for(const std::filesystem::path& target);

}  // namespace kopa::sweep
