#pragma once
// A file written under a temporary name beside its target and renamed into place only when it
// is complete: a crash, a full disk or an error never leaves a half file at the target.
#include <filesystem>

#include "util/expected.hpp"

namespace kopa::io {

class TemporaryTarget {
 public:
  // Refuses an existing target unless `force`, and a missing folder; then claims the temporary
  // name (temporary_path_for(target), created with O_EXCL): the OS's own words for an unwritable
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
  // target that appeared meanwhile). Close every handle on the file first. On failure the
  // temporary file is discarded.
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

}  // namespace kopa::io
