#include "io/temporary_target.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "io/netcdf_layout.hpp"
#include "io/results_writer.hpp"

namespace kopa::io {

namespace fs = std::filesystem;
using layout::quoted;

Expected<TemporaryTarget> TemporaryTarget::claim(const fs::path& target, bool force) {
  std::error_code error;
  if (fs::exists(target, error) && !force) {
    return Error{quoted(target) + " already exists; use --force to overwrite it"};
  }
  const fs::path folder = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(folder, error)) {
    return Error{"cannot write " + quoted(target) + ": " + quoted(folder) +
                 (fs::exists(folder, error) ? " is not a folder" : " does not exist")};
  }
  TemporaryTarget claimed;
  claimed.target_ = target;
  claimed.temporary_ = temporary_path_for(target);
  claimed.force_ = force;
  const int fd = ::open(claimed.temporary_.c_str(), O_CREAT | O_EXCL | O_WRONLY, 0644);
  if (fd < 0) {
    return Error{"cannot write " + quoted(target) + ": cannot create " +
                 quoted(claimed.temporary_) + ": " + std::strerror(errno)};
  }
  ::close(fd);
  claimed.owned_ = true;
  return claimed;
}

TemporaryTarget::TemporaryTarget(TemporaryTarget&& other) noexcept
    : target_(std::move(other.target_)),
      temporary_(std::move(other.temporary_)),
      force_(other.force_),
      owned_(std::exchange(other.owned_, false)) {}

TemporaryTarget& TemporaryTarget::operator=(TemporaryTarget&& other) noexcept {
  if (this != &other) {
    discard();
    target_ = std::move(other.target_);
    temporary_ = std::move(other.temporary_);
    force_ = other.force_;
    owned_ = std::exchange(other.owned_, false);
  }
  return *this;
}

Status TemporaryTarget::publish() {
  if (!owned_) return Error{"cannot write " + quoted(target_) + ": nothing to publish"};
  if (const Status synced = layout::sync_to_disk(temporary_); !synced) {
    discard();
    return synced;
  }
  std::error_code error;
  // Checked again: the target may have appeared while the runs were going.
  if (!force_ && fs::exists(target_, error)) {
    discard();
    return Error{quoted(target_) + " appeared while writing; use --force to overwrite"};
  }
  fs::rename(temporary_, target_, error);
  if (error) {
    const std::string message = "cannot write " + quoted(target_) + ": renaming " +
                                quoted(temporary_) + ": " + error.message();
    discard();
    return Error{message};
  }
  owned_ = false;
  return ok();
}

void TemporaryTarget::discard() {
  if (!owned_) return;
  std::error_code ignored;
  fs::resize_file(temporary_, 0, ignored);
  fs::remove(temporary_, ignored);
  owned_ = false;
}

}  // namespace kopa::io
