#pragma once
// Small RAII wrappers and helpers over HDF5's C API, shared by the results writer and reader.
// Internal to sim/io: failures throw hdf5::Failure, which the public functions of the writer and
// reader catch and turn into kopa::Error values, so no exception crosses the io boundary.
#include <hdf5.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kopa::io::hdf5 {

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Called before kopa's first HDF5 call, process-wide:
// - stops HDF5 printing its error stack to stderr (kopa reports errors itself);
// - stops HDF5 closing files at exit (H5dont_atexit; effective only before the library's first
//   use). HDF5 1.10.8 leaves a file whose H5Fclose failed (a full disk) half torn down but still
//   registered, and closing it again, as its exit handler does, crashes the process after kopa
//   has reported the error. kopa closes every file it opens itself.
void prepare_library();

// The most specific message on HDF5's error stack (for an OS error, just the OS's words), then
// clears the stack. "unknown HDF5 error" when the stack is empty.
std::string last_error_message();

// Throws Failure{what + ": " + last_error_message()} when `result` is negative, else returns it.
template <class Result>
Result check(Result result, std::string_view what) {
  if (result < 0) throw Failure(std::string(what) + ": " + last_error_message());
  return result;
}

// An HDF5 identifier closed by the matching H5?close when the handle goes.
class Handle {
 public:
  using Closer = herr_t (*)(hid_t);
  Handle() = default;
  Handle(hid_t id, Closer closer) : id_(id), closer_(closer) {}
  Handle(Handle&& other) noexcept : id_(other.id_), closer_(other.closer_) { other.id_ = -1; }
  Handle& operator=(Handle&& other) noexcept;
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { static_cast<void>(close()); }

  hid_t get() const { return id_; }
  // Closes now and reports HDF5's answer (closing a file is where buffered data is written).
  // The handle is empty afterwards even on failure: a failed close must not be retried.
  herr_t close();

 private:
  hid_t id_ = -1;
  Closer closer_ = nullptr;
};

// Each checks the id and throws Failure naming `what` when it is invalid.
Handle file(hid_t id, std::string_view what);
Handle group(hid_t id, std::string_view what);
Handle dataset(hid_t id, std::string_view what);
Handle dataspace(hid_t id, std::string_view what);
Handle datatype(hid_t id, std::string_view what);
Handle attribute(hid_t id, std::string_view what);
Handle property_list(hid_t id, std::string_view what);
Handle object(hid_t id, std::string_view what);  // H5Oopen: a group, dataset or named type

// Fixed-length UTF-8 string type of `size` bytes (at least 1), padded with NULs. kopa writes no
// variable-length strings: they live in HDF5's global heap, which carries no checksum, and a
// damaged heap entry crashes libhdf5 itself (format 2.0, docs/output-format.md).
Handle fixed_string_type(std::size_t size);
Handle simple_space(const std::vector<hsize_t>& dims);

bool has_attribute(hid_t object, const char* name);
// Scalar attributes; writing replaces an attribute of the same name. Strings are fixed-length.
void write_attribute(hid_t object, const char* name, std::string_view value);
void write_attribute(hid_t object, const char* name, std::int32_t value);
void write_attribute(hid_t object, const char* name, std::uint64_t value);
void write_attribute(hid_t object, const char* name, double value);
// A 1-D uint8 attribute (CF flag_values of a uint8 variable).
void write_attribute(hid_t object, const char* name, const std::vector<std::uint8_t>& values);
std::string read_string_attribute(hid_t object, const char* name);
std::int64_t read_int_attribute(hid_t object, const char* name);
std::uint64_t read_uint_attribute(hid_t object, const char* name);
double read_double_attribute(hid_t object, const char* name);

// One-dimensional datasets of strings: written fixed-length (as long as the longest value),
// chunked and checksummed; read either way (format 1.0 files hold variable-length strings).
Handle write_string_dataset(hid_t parent, const char* name, const std::vector<std::string>& values);
std::vector<std::string> read_string_dataset(hid_t dataset);

// Dataset creation properties for a small dataset of `dims` written whole: one chunk (when no
// dimension is 0, which HDF5 cannot chunk) with the Fletcher-32 checksum, so that a damaged
// byte is an error on read rather than a wrong value.
Handle checksummed_layout(const std::vector<hsize_t>& dims);

// The extent of a dataset, one entry per dimension.
std::vector<hsize_t> extent(hid_t dataset);

// "[3, 5, 2]": a dataset's extent as messages show it.
std::string shape_text(const std::vector<hsize_t>& dims);

// Throws Failure naming `what` unless the dataset's values are of class `type_class`
// (H5T_INTEGER, H5T_FLOAT, H5T_STRING), and, for floats, 64-bit.
void require_type(hid_t dataset, H5T_class_t type_class, const std::string& what);

// Names of the links in a group, in creation order where the group tracks it, else by name.
std::vector<std::string> link_names(hid_t group);
bool link_exists(hid_t parent, const char* name);

}  // namespace kopa::io::hdf5
