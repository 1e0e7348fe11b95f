#include "io/hdf5.hpp"

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

Handle utf8_string_type() {
  Handle type = datatype(H5Tcopy(H5T_C_S1), "string type");
  check(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
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
  const std::string text(value);  // HDF5 wants a terminated C string
  const char* pointer = text.c_str();
  const Handle type = utf8_string_type();
  write_scalar_attribute(object, name, type.get(), type.get(), pointer);
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
  if (check(H5Tis_variable_str(type.get()), what) > 0) {
    const Handle memory_type = utf8_string_type();
    char* pointer = nullptr;
    check(H5Aread(attr.get(), memory_type.get(), &pointer), what);
    std::string value = pointer == nullptr ? "" : pointer;
    H5free_memory(pointer);
    return value;
  }
  // Fixed-length strings, as other tools (netCDF-C, h5py with numpy bytes) write them.
  const std::size_t size = H5Tget_size(type.get());
  std::string value(size, '\0');
  check(H5Aread(attr.get(), type.get(), value.data()), what);
  value.resize(value.find('\0') == std::string::npos ? size : value.find('\0'));
  return value;
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

Handle write_string_dataset(hid_t parent, const char* name,
                            const std::vector<std::string>& values) {
  const std::string what = std::string("dataset '") + name + "'";
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const auto& value : values) pointers.push_back(value.c_str());
  const Handle type = utf8_string_type();
  const Handle space = simple_space({values.size()});
  Handle data = dataset(
      H5Dcreate2(parent, name, type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      what);
  if (!values.empty()) {
    check(H5Dwrite(data.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()), what);
  }
  return data;
}

std::vector<std::string> read_string_dataset(hid_t data) {
  const Handle type = datatype(H5Dget_type(data), "string dataset type");
  if (H5Tget_class(type.get()) != H5T_STRING || H5Tis_variable_str(type.get()) <= 0) {
    throw Failure("expected variable-length strings");
  }
  const Handle space = dataspace(H5Dget_space(data), "string dataset");
  const auto count =
      static_cast<std::size_t>(check(H5Sget_simple_extent_npoints(space.get()), "string dataset"));
  std::vector<char*> pointers(count, nullptr);
  if (count == 0) return {};
  const Handle memory_type = utf8_string_type();
  check(H5Dread(data, memory_type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
        "reading strings");
  std::vector<std::string> values;
  values.reserve(count);
  for (const char* pointer : pointers) values.emplace_back(pointer == nullptr ? "" : pointer);
  // H5Treclaim is declared in 1.10.8 headers but not exported by Debian's library.
  H5Dvlen_reclaim(memory_type.get(), space.get(), H5P_DEFAULT, pointers.data());
  return values;
}

std::vector<hsize_t> extent(hid_t data) {
  const Handle space = dataspace(H5Dget_space(data), "dataset extent");
  const int rank = check(H5Sget_simple_extent_ndims(space.get()), "dataset extent");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  check(H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr), "dataset extent");
  return dims;
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
