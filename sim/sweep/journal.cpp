#include "sweep/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <string_view>

#include "engine/build_info.hpp"
#include "sweep/sweep_file.hpp"
#include "util/sha256.hpp"

namespace kopa::sweep {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view magic_line = "kopa-sweep-journal 1";
constexpr std::uint32_t record_magic = 0x4345524B;  // "KREC" in the file's little-endian bytes
constexpr std::uint32_t sync_every = 16;
constexpr std::int64_t sync_milliseconds = 2000;
constexpr std::size_t record_head_bytes = 16;  // magic, point, replicate, count: four uint32

static_assert(std::endian::native == std::endian::little,
              "the journal stores native little-endian numbers");

std::string quoted(const fs::path& path) {
  std::string text = "'";
  text.append(path.string()).append("'");
  return text;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// FNV-1a, 64 bits: catches a torn or garbled record; not a defence against tampering.
std::uint64_t fnv1a(const char* bytes, std::size_t size) {
  std::uint64_t hash = 0xcbf29ce484222325ull;
  for (std::size_t i = 0; i < size; ++i) {
    hash ^= static_cast<unsigned char>(bytes[i]);
    hash *= 0x100000001b3ull;
  }
  return hash;
}

std::string header_text(const JournalHeader& h) {
  std::ostringstream out;
  out << magic_line << "\n"
      << "sweep_sha256 " << h.sweep_sha256 << "\n"
      << "base_sha256 " << h.base_sha256 << "\n"
      << "kopa_version " << h.kopa_version << "\n"
      << "git_commit " << h.git_commit << "\n"
      << "points " << h.points << "\n"
      << "replicates " << h.replicates << "\n"
      << "values_per_run " << h.values_per_run << "\n"
      << "end\n";
  return out.str();
}

Status write_all(int fd, const char* bytes, std::size_t size, const fs::path& path) {
  while (size > 0) {
    const ssize_t written = ::write(fd, bytes, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return Error{"cannot write " + quoted(path) + ": " + std::strerror(errno)};
    }
    bytes += written;
    size -= static_cast<std::size_t>(written);
  }
  return ok();
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

// Whether `file`, from where it stands, holds a record's magic anywhere: a journal whose header
// cannot be read may still hold runs, which must not be thrown away silently.
bool holds_record_magic(std::FILE* file) {
  std::array<char, 1 << 16> chunk{};
  char magic[4];
  std::memcpy(magic, &record_magic, sizeof magic);
  std::string carry;
  std::size_t got = 0;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), file)) > 0) {
    const std::string window = carry + std::string(chunk.data(), got);
    if (window.find(std::string_view(magic, sizeof magic)) != std::string::npos) return true;
    carry = window.substr(window.size() >= 3 ? window.size() - 3 : 0);
  }
  return false;
}

// Anything at `path` that is not a regular file (a folder, a device, a pipe, a link).
std::optional<std::string> not_regular(const fs::path& path) {
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if (!fs::exists(status) || fs::is_regular_file(status)) return std::nullopt;
  return quoted(path) + " is not a regular file; kopa writes its journal only as one";
}

}  // namespace

fs::path journal_path_for(const fs::path& target) {
  std::string name = ".";
  name.append(target.filename().string()).append(".journal");
  return target.parent_path() / name;
}

JournalHeader journal_header_for(const Sweep& sweep, int months, const DimensionLabels& labels) {
  return {sweep.sha256,
          sha256_hex(sweep.base.resolved_toml),
          std::string(kopa_version()),
          std::string(git_commit()),
          sweep.point_count(),
          static_cast<std::uint64_t>(sweep.replicates),
          values_per_run(months, labels)};
}

std::uint64_t values_per_run(int months, const DimensionLabels& labels) {
  std::uint64_t total = 2 * survival_years;  // the cohort survival, after the metrics
  for (const auto& spec : metric_catalog()) {
    total += static_cast<std::uint64_t>(months) * labels.width(spec.breakdown);
  }
  return total;
}

std::vector<double> flatten(const RunSeries& series) {
  std::vector<double> values;
  for (const auto& metric : series.values)
    values.insert(values.end(), metric.begin(), metric.end());
  values.insert(values.end(), series.survival.launched.begin(), series.survival.launched.end());
  values.insert(values.end(), series.survival.operating.begin(), series.survival.operating.end());
  return values;
}

RunSeries unflatten(const std::vector<double>& values, int months, const DimensionLabels& labels) {
  RunSeries series(months, labels);
  std::size_t at = 0;
  for (auto& metric : series.values) {
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at), metric.size(), metric.begin());
    at += metric.size();
  }
  for (auto* counts : {&series.survival.launched, &series.survival.operating}) {
    std::copy_n(values.begin() + static_cast<std::ptrdiff_t>(at), survival_years, counts->begin());
    at += survival_years;
  }
  return series;
}

Expected<JournalScan> scan_journal(const fs::path& path,
                                   const std::function<Status(const JournalRecord&)>& each,
                                   JournalProblem* problem) {
  JournalProblem local;
  JournalProblem& found = problem ? *problem : local;
  auto fail = [&](std::string message, bool holds_runs = true) -> Expected<JournalScan> {
    found = {message, holds_runs};
    return Error{std::move(message)};
  };
  if (auto refused = not_regular(path)) return fail(*refused);
  std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
  if (!file) return fail("cannot read " + quoted(path) + ": " + std::strerror(errno));

  JournalScan scan;
  std::map<std::string, std::string> fields;
  char line[512];
  bool first = true, ended = false;
  while (std::fgets(line, sizeof line, file.get())) {
    std::string text(line);
    if (!text.ends_with('\n')) break;  // cut short
    text.pop_back();
    scan.valid_bytes += text.size() + 1;
    if (first) {
      if (text != magic_line) return fail(quoted(path) + " is not a kopa sweep journal");
      first = false;
      continue;
    }
    if (text == "end") {
      ended = true;
      break;
    }
    const auto space = text.find(' ');
    fields[text.substr(0, space)] = space == std::string::npos ? "" : text.substr(space + 1);
  }
  if (first || !ended) {
    std::rewind(file.get());
    const bool runs = holds_record_magic(file.get());
    return fail(quoted(path) + (first ? " is empty" : " has an incomplete header") +
                    (runs ? " but holds runs: the header is damaged"
                          : ": its sweep was killed while starting it, before any run"),
                runs);
  }
  try {
    scan.header.sweep_sha256 = fields.at("sweep_sha256");
    scan.header.base_sha256 = fields.at("base_sha256");
    scan.header.kopa_version = fields.at("kopa_version");
    scan.header.git_commit = fields.at("git_commit");
    scan.header.points = std::stoull(fields.at("points"));
    scan.header.replicates = std::stoull(fields.at("replicates"));
    scan.header.values_per_run = std::stoull(fields.at("values_per_run"));
  } catch (const std::exception&) {
    return fail(quoted(path) + " has a damaged header");
  }
  // A record of more than this many values is a damaged header, not a sweep (a run holds a few
  // thousand values; 2^27 is a GiB).
  if (scan.header.values_per_run == 0 || scan.header.values_per_run > (std::uint64_t{1} << 27)) {
    return fail(quoted(path) + " has a damaged header (values_per_run " +
                std::to_string(scan.header.values_per_run) + ")");
  }

  const std::size_t payload = scan.header.values_per_run * sizeof(double);
  std::vector<char> buffer(record_head_bytes + payload + sizeof(std::uint64_t));
  JournalRecord record;
  record.values.resize(scan.header.values_per_run);
  while (true) {
    const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), file.get());
    if (got == 0) break;
    if (got < buffer.size()) {
      scan.torn = true;
      break;
    }
    scan.valid_bytes += buffer.size();
    std::uint32_t head[4];
    std::memcpy(head, buffer.data(), record_head_bytes);
    std::uint64_t checksum = 0;
    std::memcpy(&checksum, buffer.data() + record_head_bytes + payload, sizeof checksum);
    if (checksum != fnv1a(buffer.data(), record_head_bytes + payload) || head[0] != record_magic ||
        head[3] != scan.header.values_per_run || head[1] >= scan.header.points ||
        head[2] >= scan.header.replicates) {
      ++scan.damaged;
      continue;
    }
    record.point = head[1];
    record.replicate = head[2];
    std::memcpy(record.values.data(), buffer.data() + record_head_bytes, payload);
    if (each) {
      if (Status status = each(record); !status) return fail(status.error().message);
    }
    ++scan.records;
  }
  return scan;
}

JournalWriter::JournalWriter(int fd, fs::path path, std::uint64_t values_per_run)
    : fd_(fd), path_(std::move(path)), values_per_run_(values_per_run), last_sync_ms_(now_ms()) {}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : fd_(other.fd_),
      path_(std::move(other.path_)),
      values_per_run_(other.values_per_run_),
      unsynced_(other.unsynced_),
      last_sync_ms_(other.last_sync_ms_) {
  other.fd_ = -1;
}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    path_ = std::move(other.path_);
    values_per_run_ = other.values_per_run_;
    unsynced_ = other.unsynced_;
    last_sync_ms_ = other.last_sync_ms_;
    other.fd_ = -1;
  }
  return *this;
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) {
    static_cast<void>(sync());
    ::close(fd_);
  }
}

Expected<JournalWriter> JournalWriter::create(const fs::path& path, const JournalHeader& header) {
  if (auto refused = not_regular(path)) return Error{*refused, true};
  std::error_code ignored;
  fs::remove(path, ignored);  // a regular file: the journal of a sweep being started over
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return Error{"cannot create " + quoted(path) + ": " + std::strerror(errno)};
  JournalWriter writer(fd, path, header.values_per_run);
  const std::string text = header_text(header);
  if (Status written = write_all(fd, text.data(), text.size(), path); !written) {
    return written.error();
  }
  if (Status synced = writer.sync(); !synced) return synced.error();
  return writer;
}

Expected<JournalWriter> JournalWriter::reopen(const fs::path& path, const JournalScan& scan) {
  if (auto refused = not_regular(path)) return Error{*refused, true};
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return Error{"cannot open " + quoted(path) + ": " + std::strerror(errno)};
  JournalWriter writer(fd, path, scan.header.values_per_run);
  if (::ftruncate(fd, static_cast<off_t>(scan.valid_bytes)) != 0 || ::lseek(fd, 0, SEEK_END) < 0) {
    return Error{"cannot append to " + quoted(path) + ": " + std::strerror(errno)};
  }
  return writer;
}

Status JournalWriter::append(std::uint32_t point, std::uint32_t replicate,
                             const std::vector<double>& values) {
  if (values.size() != values_per_run_) {
    return Error{"a run of " + std::to_string(values.size()) + " values for a journal of " +
                 std::to_string(values_per_run_)};
  }
  const std::size_t payload = values.size() * sizeof(double);
  std::vector<char> buffer(record_head_bytes + payload + sizeof(std::uint64_t));
  const std::uint32_t head[4]{record_magic, point, replicate,
                              static_cast<std::uint32_t>(values.size())};
  std::memcpy(buffer.data(), head, record_head_bytes);
  std::memcpy(buffer.data() + record_head_bytes, values.data(), payload);
  const std::uint64_t checksum = fnv1a(buffer.data(), record_head_bytes + payload);
  std::memcpy(buffer.data() + record_head_bytes + payload, &checksum, sizeof checksum);
  if (Status written = write_all(fd_, buffer.data(), buffer.size(), path_); !written) {
    return written;
  }
  if (++unsynced_ >= sync_every || now_ms() - last_sync_ms_ >= sync_milliseconds) return sync();
  return ok();
}

Status JournalWriter::sync() {
  if (fd_ < 0) return ok();
  if (::fdatasync(fd_) != 0) {
    return Error{"cannot flush " + quoted(path_) + " to disk: " + std::strerror(errno)};
  }
  unsynced_ = 0;
  last_sync_ms_ = now_ms();
  return ok();
}

}  // namespace kopa::sweep
