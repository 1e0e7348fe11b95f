#pragma once
#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kopa {

// An error at a boundary (file, command line, disk): a message a person can act on.
// `bad_input` says whose fault it is where a caller must choose an exit code from it: true when
// the request itself is wrong (a name, a path that names a folder, a file that must not be
// replaced: exit 2), false when the system failed it (a missing folder, a full disk: exit 1).
struct Error {
  std::string message;
  bool bad_input = false;
};

// A value or the error that prevented it (std::expected arrives with C++23; this is its subset).
template <class T>
class [[nodiscard]] Expected {
 public:
  Expected(T value) : state_(std::move(value)) {}
  Expected(Error error) : state_(std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const {
    assert(!has_value());
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// For operations that yield nothing but may fail.
struct Done {};
using Status = Expected<Done>;
inline Status ok() {
  return Done{};
}

}  // namespace kopa
