#include "io/kopa_file.hpp"

#include <array>
#include <cstring>
#include <fstream>
#include <optional>

#include "io/netcdf_layout.hpp"

namespace kopa::io {
namespace fs = std::filesystem;
using layout::quoted;

namespace {

// HDF5's signature, at offset 0 or a power of two from 512 on (a user block before it).
constexpr std::array<char, 8> signature{'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};

bool has_hdf5_signature(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) return false;
  for (std::uintmax_t offset = 0; offset + signature.size() <= size;
       offset = offset == 0 ? 512 : offset * 2) {
    std::array<char, 8> bytes{};
    in.seekg(static_cast<std::streamoff>(offset));
    if (!in.read(bytes.data(), bytes.size())) return false;
    if (bytes == signature) return true;
  }
  return false;
}

// Why `path` cannot be read as a file at all, if it cannot.
std::optional<Error> not_a_readable_file(const fs::path& path) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) return Error{quoted(path) + " does not exist"};
  if (fs::is_directory(status)) return Error{quoted(path) + " is a folder, not a file"};
  if (!fs::is_regular_file(status)) {
    return Error{quoted(path) + " is not a regular file (a device, pipe or socket)"};
  }
  if (!std::ifstream(path)) return Error{"cannot read " + quoted(path) + ": permission denied"};
  return std::nullopt;
}

}  // namespace

Expected<hdf5::Handle> open_kopa_file(const fs::path& path, std::string_view kind) {
  hdf5::prepare_library();
  if (auto problem = not_a_readable_file(path)) return *problem;
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) {
    const std::string reason = hdf5::last_error_message();  // also clears HDF5's stack
    if (has_hdf5_signature(path)) {
      return Error{quoted(path) + " is an HDF5 file that cannot be opened: it is truncated or " +
                   "damaged (HDF5: " + reason + ")"};
    }
    return Error{quoted(path) + " is not an HDF5 file (so not a kopa " + std::string(kind) +
                 " file)"};
  }
  return hdf5::Handle(id, H5Fclose);
}

Expected<std::string> read_file_format(const fs::path& path) {
  auto file = open_kopa_file(path, "results or sweep");
  if (!file) return file.error();
  try {
    if (!hdf5::has_attribute(file->get(), "format")) {
      return Error{quoted(path) + " is not a kopa file: it has no 'format' attribute"};
    }
    return hdf5::read_string_attribute(file->get(), "format");
  } catch (const std::exception& failure) {
    return Error{quoted(path) + ": " + failure.what()};
  }
}

}  // namespace kopa::io
