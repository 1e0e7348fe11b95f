#pragma once
// A file written under a temporary name beside its target and renamed into place only when it
// is complete: a crash, a full disk or an error never leaves a half file at the target, and
// nothing but a regular file is ever replaced.
#include <cstddef>
#include <filesystem>

#include "util/expected.hpp"

namespace kopa::io {

class TemporaryTarget {
 public:
  // Checks the target without touching anything (check_target), deletes temporary files of the
  // target that killed processes left (remove_stale_temporaries), then claims the temporary name
  // (temporary_path_for(target), created with O_EXCL): the OS's own words for an unwritable
  // folder, and never a file another writer is using.
  static Expected<TemporaryTarget> claim(const std::filesystem::path& target, bool force);

  TemporaryTarget(TemporaryTarget&& other) noexcept;
  TemporaryTarget& operator=(TemporaryTarget&& other) noexcept;
  TemporaryTarget(const TemporaryTarget&) = delete;
  TemporaryTarget& operator=(const TemporaryTarget&) = delete;
  ~TemporaryTarget() { discard(); }  // unless published

  const std::filesystem::path& target() const { return target_; }
  const std::filesystem::path& temporary() const { return temporary_; }

  // Flushes the temporary file to disk and renames it to the target (refusing, without force, a
  // target that appeared meanwhile, and always one that is not a regular file). Close every
  // handle on the file first. On failure the temporary file is discarded.
  Status publish();

  // Empties and deletes the temporary file; after a failed close HDF5 may still hold it open,
  // and emptying it frees the disk now. Idempotent.
  void discard();

 private:
  TemporaryTarget() = default;

  std::filesystem::path target_;
  std::filesystem::path temporary_;
  bool force_ = false;
  bool owned_ = false;  // the temporary file exists and is ours to delete
};

// Whether a file may be written at `target`, checked before any work starts. Bad input (exit 2):
// an empty path, a path that names a folder ("", ".", "dir/", an existing folder), an existing
// target that is not a regular file (a device, a pipe, a socket, a symbolic link: never replaced,
// even with force), an existing regular file without force. An I/O failure (exit 1): a folder
// that does not exist or is not a folder.
Status check_target(const std::filesystem::path& target, bool force);

// The temporary name claim() writes under: ".<target file name>.tmp-<process id>" beside it.
std::filesystem::path temporary_path_for(const std::filesystem::path& target);

// Deletes temporary files of `target` left by processes that no longer run (a kill -9 leaves
// one); those of live processes are left alone. Returns how many were removed.
std::size_t remove_stale_temporaries(const std::filesystem::path& target);

}  // namespace kopa::io
