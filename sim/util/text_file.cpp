#include "util/text_file.hpp"

#include <cerrno>
#include <cstdio>
#include <memory>
#include <system_error>

namespace kopa {
namespace fs = std::filesystem;

namespace {

std::string error_text(int error) {
  return std::error_code(error, std::generic_category()).message();
}

std::string too_large(std::uintmax_t size) {
  return "is larger than " + std::to_string(max_input_bytes >> 20) + " MiB (" +
         (size > 0 ? std::to_string(size) + " bytes" : std::string("and growing")) +
         "); scenario and sweep files are a few KiB: is this the right file?";
}

struct FileCloser {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

}  // namespace

std::string file_type_name(fs::file_type type) {
  switch (type) {
    case fs::file_type::directory:
      return "a folder";
    case fs::file_type::symlink:
      return "a symbolic link";
    case fs::file_type::block:
      return "a block device";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::fifo:
      return "a named pipe";
    case fs::file_type::socket:
      return "a socket";
    default:
      return "not a plain file";
  }
}

Expected<std::string> read_input_file(const fs::path& file) {
  std::error_code error;
  const fs::file_status status =
      fs::status(file, error);  // follows links: a link to a file is fine
  if (!fs::exists(status)) {
    return Error{error && error != std::errc::no_such_file_or_directory ? error.message()
                                                                        : error_text(ENOENT)};
  }
  if (fs::is_directory(status)) return Error{"is a directory"};
  if (!fs::is_regular_file(status))
    return Error{"is " + file_type_name(status.type()) + ", not a file"};
  const std::uintmax_t size = fs::file_size(file, error);
  if (!error && size > max_input_bytes) return Error{too_large(size)};
  errno = 0;
  std::unique_ptr<std::FILE, FileCloser> stream(std::fopen(file.c_str(), "rb"));
  if (!stream) return Error{error_text(errno != 0 ? errno : ENOENT)};
  std::string text;
  char buffer[65536];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, stream.get())) > 0) {
    text.append(buffer, got);
    if (text.size() > max_input_bytes) return Error{too_large(0)};  // it grew while read
  }
  if (std::ferror(stream.get()) != 0) return Error{"read error"};
  return text;
}

}  // namespace kopa
