#include "io/hdf5.hpp"

#include <algorithm>

namespace kopa::io::hdf5 {
namespace {

herr_t take_most_specific(unsigned n, const H5E_error2_t* error, void* client_data) {
  if (n == 0 && error->desc != nullptr) *static_cast<std::string*>(client_data) = error->desc;
  return 0;
}

// HDF5 reports OS failures as "..., errno = 28, error message = 'No space left on device', ...";
// the quoted words are what a person needs.
std::string os_words_or_all(const std::string& description) {
  static constexpr std::string_view marker = "error message = '";
  const auto start = description.find(marker);
  if (start == std::string::npos) return description;
  const auto from = start + marker.size();
  const auto end = description.find('\'', from);
  return end == std::string::npos ? description : description.substr(from, end - from);
}

// Bounds on what a reader allocates for strings: far above anything kopa writes (a resolved
// scenario is a few KiB, a sweep file at most the loader's size limit), far below what a
// damaged size field could ask for.
constexpr std::size_t max_string_bytes = std::size_t{64} << 20;
constexpr std::size_t max_label_bytes = std::size_t{1} << 16;
constexpr std::size_t max_strings = std::size_t{1} << 20;
// Rows of a small dataset per chunk: one chunk for anything kopa writes in one piece.
constexpr hsize_t max_chunk_rows = 1 << 16;

// Variable-length UTF-8: only to read format 1.0 files.
Handle vlen_string_type() {
  Handle type = datatype(H5Tcopy(H5T_C_S1), "string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  return type;
}

// A NUL-padded fixed-length value ends at its first NUL.
std::string until_nul(std::string value) {
  const auto end = value.find('\0');
  if (end != std::string::npos) value.resize(end);
  return value;
}

template <class T>
void write_scalar_attribute(hid_t object, const char* name, hid_t file_type, hid_t memory_type,
                            const T& value) {
  if (has_attribute(object, name)) {
    check(H5Adelete(object, name), std::string("replacing attribute '") + name + "'");
  }
  const Handle space = dataspace(H5Screate(H5S_SCALAR), "scalar dataspace");
  const std::string what = std::string("attribute '") + name + "'";
  const Handle attr =
      attribute(H5Acreate2(object, name, file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attr.get(), memory_type, &value), what);
}

template <class T>
T read_scalar_attribute(hid_t object, const char* name, hid_t memory_type) {
  const std::string what = std::string("attribute '") + name + "'";
  const Handle attr = attribute(H5Aopen(object, name, H5P_DEFAULT), what);
  T value{};
  check(H5Aread(attr.get(), memory_type, &value), what);
  return value;
}

}  // namespace

void prepare_library() {
  static_cast<void>(H5dont_atexit());  // fails harmlessly once the library is initialised
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

std::string last_error_message() {
  std::string description;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, take_most_specific, &description);
  H5Eclear2(H5E_DEFAULT);
  return description.empty() ? "unknown HDF5 error" : os_words_or_all(description);
}

Handle& Handle::operator=(Handle&& other) noexcept {
  if (this != &other) {
    static_cast<void>(close());
    id_ = other.id_;
    closer_ = other.closer_;
    other.id_ = -1;
  }
  return *this;
}

herr_t Handle::close() {
  if (id_ < 0) return 0;
  const herr_t result = closer_(id_);
  id_ = -1;
  return result;
}

Handle file(hid_t id, std::string_view what) {
  return {check(id, what), H5Fclose};
}
Handle group(hid_t id, std::string_view what) {
  return {check(id, what), H5Gclose};
}
Handle dataset(hid_t id, std::string_view what) {
  return {check(id, what), H5Dclose};
}
Handle dataspace(hid_t id, std::string_view what) {
  return {check(id, what), H5Sclose};
}
Handle datatype(hid_t id, std::string_view what) {
  return {check(id, what), H5Tclose};
}
Handle attribute(hid_t id, std::string_view what) {
  return {check(id, what), H5Aclose};
}
Handle property_list(hid_t id, std::string_view what) {
  return {check(id, what), H5Pclose};
}
Handle object(hid_t id, std::string_view what) {
  return {check(id, what), H5Oclose};
}

Handle fixed_string_type(std::size_t size) {
  Handle type = datatype(H5Tcopy(H5T_C_S1), "string type");
  check(H5Tset_size(type.get(), std::max<std::size_t>(1, size)), "string type");
  check(H5Tset_strpad(type.get(), H5T_STR_NULLPAD), "string type");
  check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
  return type;
}

Handle simple_space(const std::vector<hsize_t>& dims) {
  return dataspace(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
                   "dataspace");
}

bool has_attribute(hid_t object, const char* name) {
  return check(H5Aexists(object, name), std::string("looking for attribute '") + name + "'") > 0;
}

void write_attribute(hid_t object, const char* name, std::string_view value) {
  std::string text(value);
  if (text.empty()) text.push_back('\0');  // a string type has at least one byte
  const Handle type = fixed_string_type(text.size());
  if (has_attribute(object, name)) {
    check(H5Adelete(object, name), std::string("replacing attribute '") + name + "'");
  }
  const Handle space = dataspace(H5Screate(H5S_SCALAR), "scalar dataspace");
  const std::string what = std::string("attribute '") + name + "'";
  const Handle attr =
      attribute(H5Acreate2(object, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attr.get(), type.get(), text.data()), what);
}

void write_attribute(hid_t object, const char* name, std::int32_t value) {
  write_scalar_attribute(object, name, H5T_STD_I32LE, H5T_NATIVE_INT32, value);
}

void write_attribute(hid_t object, const char* name, std::uint64_t value) {
  write_scalar_attribute(object, name, H5T_STD_U64LE, H5T_NATIVE_UINT64, value);
}

void write_attribute(hid_t object, const char* name, double value) {
  write_scalar_attribute(object, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, value);
}

void write_attribute(hid_t object, const char* name, const std::vector<std::uint8_t>& values) {
  if (has_attribute(object, name)) {
    check(H5Adelete(object, name), std::string("replacing attribute '") + name + "'");
  }
  const Handle space = simple_space({values.size()});
  const std::string what = std::string("attribute '") + name + "'";
  const Handle attr = attribute(
      H5Acreate2(object, name, H5T_STD_U8LE, space.get(), H5P_DEFAULT, H5P_DEFAULT), what);
  check(H5Awrite(attr.get(), H5T_NATIVE_UINT8, values.data()), what);
}

std::string read_string_attribute(hid_t object, const char* name) {
  const std::string what = std::string("attribute '") + name + "'";
  const Handle attr = attribute(H5Aopen(object, name, H5P_DEFAULT), what);
  const Handle type = datatype(H5Aget_type(attr.get()), what);
  if (H5Tget_class(type.get()) != H5T_STRING) throw Failure(what + " is not a string");
  const Handle space = dataspace(H5Aget_space(attr.get()), what);
  if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) {
    throw Failure(what + " is not a single string");
  }
  if (check(H5Tis_variable_str(type.get()), what) > 0) {  // format 1.0
    const Handle memory_type = vlen_string_type();
    char* pointer = nullptr;
    check(H5Aread(attr.get(), memory_type.get(), &pointer), what);
    std::string value = pointer == nullptr ? "" : pointer;
    H5free_memory(pointer);
    return value;
  }
  const std::size_t size = H5Tget_size(type.get());
  if (size == 0 || size > max_string_bytes) throw Failure(what + " has an impossible size");
  std::string value(size, '\0');
  const Handle memory_type = fixed_string_type(size);
  check(H5Aread(attr.get(), memory_type.get(), value.data()), what);
  return until_nul(std::move(value));
}

std::int64_t read_int_attribute(hid_t object, const char* name) {
  return read_scalar_attribute<std::int64_t>(object, name, H5T_NATIVE_INT64);
}

std::uint64_t read_uint_attribute(hid_t object, const char* name) {
  return read_scalar_attribute<std::uint64_t>(object, name, H5T_NATIVE_UINT64);
}

double read_double_attribute(hid_t object, const char* name) {
  return read_scalar_attribute<double>(object, name, H5T_NATIVE_DOUBLE);
}

Handle checksummed_layout(const std::vector<hsize_t>& dims) {
  Handle plist = property_list(H5Pcreate(H5P_DATASET_CREATE), "dataset properties");
  const bool empty = std::find(dims.begin(), dims.end(), hsize_t{0}) != dims.end();
  if (!dims.empty() && !empty) {
    std::vector<hsize_t> chunk = dims;
    chunk[0] = std::min<hsize_t>(chunk[0], max_chunk_rows);
    check(H5Pset_chunk(plist.get(), static_cast<int>(chunk.size()), chunk.data()), "chunking");
    check(H5Pset_fletcher32(plist.get()), "checksum");
  }
  return plist;
}

Handle write_string_dataset(hid_t parent, const char* name,
                            const std::vector<std::string>& values) {
  const std::string what = std::string("dataset '") + name + "'";
  std::size_t size = 1;
  for (const auto& value : values) size = std::max(size, value.size());
  std::string packed(values.size() * size, '\0');
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::copy(values[i].begin(), values[i].end(), packed.begin() + static_cast<long>(i * size));
  }
  const Handle type = fixed_string_type(size);
  const Handle space = simple_space({values.size()});
  const Handle plist = checksummed_layout({values.size()});
  Handle data = dataset(
      H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, plist.get(), H5P_DEFAULT),
      what);
  if (!values.empty()) {
    check(H5Dwrite(data.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()), what);
  }
  // xarray decodes fixed-length byte strings to str when the variable names its encoding.
  write_attribute(data.get(), "_Encoding", std::string_view("utf-8"));
  return data;
}

std::vector<std::string> read_string_dataset(hid_t data) {
  const Handle type = datatype(H5Dget_type(data), "string dataset type");
  if (H5Tget_class(type.get()) != H5T_STRING) throw Failure("expected strings");
  const Handle space = dataspace(H5Dget_space(data), "string dataset");
  if (check(H5Sget_simple_extent_ndims(space.get()), "string dataset") != 1) {
    throw Failure("expected a one-dimensional list of strings");
  }
  const auto count =
      static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space.get()), "string dataset"));
  if (count > max_strings) throw Failure("implausibly many strings");
  if (count == 0) return {};
  std::vector<std::string> values;
  values.reserve(count);
  if (check(H5Tis_variable_str(type.get()), "string dataset type") > 0) {  // format 1.0
    std::vector<char*> pointers(count, nullptr);
    const Handle memory_type = vlen_string_type();
    check(H5Dread(data, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
          "reading strings");
    for (const char* pointer : pointers) values.emplace_back(pointer == nullptr ? "" : pointer);
    // H5Treclaim is declared in 1.10.8 headers but not exported by Debian's library.
    H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pointers.data());
    return values;
  }
  const std::size_t size = H5Tget_size(type.get());
  if (size == 0 || size > max_label_bytes) throw Failure("strings of an impossible size");
  std::string packed(count * size, '\0');
  const Handle memory_type = fixed_string_type(size);
  check(H5Dread(data, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, packed.data()),
        "reading strings");
  for (std::size_t i = 0; i < count; ++i)
    values.push_back(until_nul(packed.substr(i * size, size)));
  return values;
}

std::vector<hsize_t> extent(hid_t data) {
  const Handle space = dataspace(H5Dget_space(data), "dataset extent");
  const int rank = check(H5Sget_simple_extent_ndims(space.get()), "dataset extent");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "dataset extent");
  return dims;
}

std::string shape_text(const std::vector<hsize_t>& dims) {
  std::string text = "[";
  for (std::size_t i = 0; i < dims.size(); ++i) {
    text.append(i == 0 ? "" : ", ").append(std::to_string(dims[i]));
  }
  return text + "]";
}

void require_type(hid_t data, H5T_class_t type_class, const std::string& what) {
  const Handle type = datatype(H5Dget_type(data), what);
  const H5T_class_t found = H5Tget_class(type.get());
  const bool float64 = found == H5T_FLOAT && H5Tget_size(type.get()) == 8;
  if (found != type_class || (type_class == H5T_FLOAT && !float64)) {
    const char* expected = type_class == H5T_FLOAT     ? "64-bit floats"
                           : type_class == H5T_INTEGER ? "integers"
                                                       : "strings";
    throw Failure(what + " should hold " + expected);
  }
}

std::vector<std::string> link_names(hid_t group_id) {
  const Handle plist = property_list(H5Gget_create_plist(group_id), "group properties");
  unsigned order_flags = 0;
  check(H5Pget_link_creation_order(plist.get(), &order_flags), "group properties");
  const H5_index_t index =
      (order_flags & H5P_CRT_ORDER_INDEXED) != 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME;
  H5G_info_t info;
  check(H5Gget_info(group_id, &info), "group info");
  std::vector<std::string> names;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t length =
        check(H5Lget_name_by_idx(group_id, ".", index, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT),
              "link name");
    std::string name(static_cast<std::size_t>(length) + 1, '\0');
    check(H5Lget_name_by_idx(group_id, ".", index, H5_ITER_INC, i, name.data(), name.size(),
                             H5P_DEFAULT),
          "link name");
    name.resize(static_cast<std::size_t>(length));
    names.push_back(std::move(name));
  }
  return names;
}

bool link_exists(hid_t parent, const char* name) {
  return check(H5Lexists(parent, name, H5P_DEFAULT), std::string("looking for '") + name + "'") > 0;
}

}  // namespace kopa::io::hdf5
