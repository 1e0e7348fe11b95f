#pragma once
// Reading kopa files' datasets whole, with messages naming the dataset and the shape expected.
// Internal to sim/io: failures throw hdf5::Failure.
#include <string>
#include <vector>

#include "io/hdf5.hpp"

namespace kopa::io::reading {

inline std::string require_string(hid_t object, const char* name) {
  if (!hdf5::has_attribute(object, name))
    throw hdf5::Failure(std::string("no attribute '") + name + "'");
  return hdf5::read_string_attribute(object, name);
}

inline std::int64_t require_int(hid_t object, const char* name) {
  if (!hdf5::has_attribute(object, name))
    throw hdf5::Failure(std::string("no attribute '") + name + "'");
  return hdf5::read_int_attribute(object, name);
}

inline hdf5::Handle open_dataset(hid_t group, const std::string& name) {
  if (!hdf5::link_exists(group, name.c_str())) throw hdf5::Failure("no dataset '" + name + "'");
  return hdf5::dataset(H5Dopen2(group, name.c_str(), H5P_DEFAULT), "dataset '" + name + "'");
}

inline void require_shape(hid_t data, const std::string& what, const std::vector<hsize_t>& dims,
                          const std::string& layout) {
  const auto found = hdf5::extent(data);
  if (found != dims) {
    throw hdf5::Failure(what + " is shaped " + hdf5::shape_text(found) + "; it should be " +
                        layout + " = " + hdf5::shape_text(dims));
  }
}

// A dataset of exactly `dims` (`layout` names them) of class `type_class`, read whole as
// `memory_type`.
template <class T>
std::vector<T> read_all(hid_t group, const std::string& name, const std::vector<hsize_t>& dims,
                        const std::string& layout, H5T_class_t type_class, hid_t memory_type) {
  const hdf5::Handle data = open_dataset(group, name);
  const std::string what = "dataset '" + name + "'";
  hdf5::require_type(data.get(), type_class, what);
  require_shape(data.get(), what, dims, layout);
  std::size_t size = 1;
  for (const auto d : dims) size *= d;
  std::vector<T> values(size);
  if (size > 0) {
    hdf5::check(H5Dread(data.get(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
                "dataset '" + name + "'");
  }
  return values;
}

}  // namespace kopa::io::reading
