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

// What a scan found: the header, how many whole records, and where the valid prefix ends.
struct JournalScan {
  JournalHeader header;
  std::uint64_t records = 0;
  std::uint64_t valid_bytes = 0;  // header plus whole, checksummed records
  bool torn = false;              // bytes after the valid prefix (a record cut by a kill)
};

// Reads the header and every valid record in file order, handing each to `each` (which may
// stop the scan by returning an error). Errors: unreadable file, not a journal, a header cut
// short (a kill while the journal was being created: it holds no runs).
Expected<JournalScan> scan_journal(const std::filesystem::path& path,
                                   const std::function<Status(const JournalRecord&)>& each = {});

// Appends records. Syncs to disk every `sync_every` records or `sync_seconds` seconds, and when
// closed: a power cut loses at most that much; a killed process loses only a record it was
// writing (the kernel keeps what was written).
class JournalWriter {
 public:
  // A new journal at `path` (an existing file is replaced), its header synced to disk.
  static Expected<JournalWriter> create(const std::filesystem::path& path,
                                        const JournalHeader& header);
  // An existing journal, cut to its valid prefix (dropping a torn record), for appending.
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
