#include "io/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "io/netcdf_layout.hpp"
#include "io/temporary_target.hpp"

namespace kopa::io {

Status write_output_file(const std::filesystem::path& target, bool force,
                         const std::function<Status(std::ostream&)>& write) {
  auto claimed = TemporaryTarget::claim(target, force);
  if (!claimed) return claimed.error();
  {
    std::ofstream out(claimed->temporary(), std::ios::binary | std::ios::trunc);
    if (!out) {
      return Error{"cannot write " + layout::quoted(target) + ": " + std::strerror(errno)};
    }
    if (Status written = write(out); !written) return written;
    out.flush();
    if (!out) {
      return Error{"cannot write " + layout::quoted(target) + ": writing " +
                   layout::quoted(claimed->temporary()) + " failed (disk full?)"};
    }
  }
  return claimed->publish();
}

Status write_output_file(const std::filesystem::path& target, bool force, std::string_view text) {
  return write_output_file(target, force, [&](std::ostream& out) -> Status {
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    return ok();
  });
}

}  // namespace kopa::io
