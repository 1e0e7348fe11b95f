#include "io/temporary_target.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>
#include <string>
#include <utility>

#include "io/netcdf_layout.hpp"
#include "util/text_file.hpp"

namespace kopa::io {

namespace fs = std::filesystem;
using layout::quoted;

namespace {

fs::path folder_of(const fs::path& target) {
  return target.parent_path().empty() ? fs::path(".") : target.parent_path();
}

Error bad_input(std::string message) {
  return Error{std::move(message), true};
}

// Why `target` (as it is now) must not be replaced, if it must not: anything but a regular file,
// whatever `force` says. A symbolic link is refused too: renaming over it would replace the link,
// not the file it points to, which is rarely what was meant.
std::optional<Error> not_replaceable(const fs::path& target) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(target, error);
  if (!fs::exists(status) || fs::is_regular_file(status)) return std::nullopt;
  if (fs::is_directory(status)) {
    return bad_input(quoted(target) + " is a folder; name a file (e.g. " +
                     quoted(target / "results.h5") + ")");
  }
  return bad_input(quoted(target) + " is " + file_type_name(status.type()) +
                   ", not a regular file; kopa replaces only regular files, even with --force");
}

}  // namespace

Status check_target(const fs::path& target, bool force) {
  if (target.empty()) return bad_input("the output file name is empty");
  const fs::path name = target.filename();
  if (name.empty() || name == "." || name == "..") {
    return bad_input(quoted(target) + " names a folder, not a file");
  }
  if (auto refused = not_replaceable(target)) return *refused;
  std::error_code error;
  if (fs::exists(fs::symlink_status(target, error)) && !force) {
    return bad_input(quoted(target) + " already exists; use --force to overwrite it");
  }
  const fs::path folder = folder_of(target);
  if (!fs::is_directory(folder, error)) {
    return Error{"cannot write " + quoted(target) + ": " + quoted(folder) +
                 (fs::exists(folder, error) ? " is not a folder" : " does not exist")};
  }
  return ok();
}

Expected<TemporaryTarget> TemporaryTarget::claim(const fs::path& target, bool force) {
  if (Status allowed = check_target(target, force); !allowed) return allowed.error();
  remove_stale_temporaries(target);
  TemporaryTarget claimed;
  claimed.target_ = target;
  claimed.temporary_ = temporary_path_for(target);
  claimed.force_ = force;
  const int fd = ::open(claimed.temporary_.c_str(),
                        O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC | O_NOFOLLOW, 0644);
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
  // Checked again: the target may have appeared, or been replaced, while the runs were going.
  if (auto refused = not_replaceable(target_)) {
    discard();
    return *refused;
  }
  if (!force_ && fs::exists(fs::symlink_status(target_, error))) {
    discard();
    return bad_input(quoted(target_) + " appeared while writing; use --force to overwrite");
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

fs::path temporary_path_for(const fs::path& target) {
  std::string name = ".";
  name.append(target.filename().string()).append(".tmp-").append(std::to_string(::getpid()));
  return target.parent_path() / name;
}

std::size_t remove_stale_temporaries(const fs::path& target) {
  // Built by append: GCC 12 warns falsely (-Wrestrict) on "." + std::string + "...".
  std::string prefix = ".";
  prefix.append(target.filename().string()).append(".tmp-");
  std::size_t removed = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_of(target), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0) continue;
    const std::string digits = name.substr(prefix.size());
    if (digits.empty() || digits.size() > 9 ||
        digits.find_first_not_of("0123456789") != std::string::npos) {
      continue;
    }
    std::error_code status_error;
    if (!fs::is_regular_file(fs::symlink_status(entry.path(), status_error))) continue;
    const auto pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running
    std::error_code ignored;
    if (fs::remove(entry.path(), ignored)) ++removed;
  }
  return removed;
}

}  // namespace kopa::io
