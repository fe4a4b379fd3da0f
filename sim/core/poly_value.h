// A value of some type behind an interface: copied by cloning, so a
// config that holds one (a model's or a data source's options) keeps plain
// value semantics.
#pragma once

#include <memory>
#include <utility>

#include "sim/core/check.h"

namespace sim {

// Interface must declare `virtual std::unique_ptr<Interface> Clone() const`.
template <typename Interface>
class PolyValue {
 public:
  PolyValue() = default;
  explicit PolyValue(std::unique_ptr<Interface> value)
      : value_(std::move(value)) {}
  PolyValue(const PolyValue& other)
      : value_(other.value_ ? other.value_->Clone() : nullptr) {}
  PolyValue& operator=(const PolyValue& other) {
    if (this != &other) value_ = other.value_ ? other.value_->Clone() : nullptr;
    return *this;
  }
  PolyValue(PolyValue&&) noexcept = default;
  PolyValue& operator=(PolyValue&&) noexcept = default;

  explicit operator bool() const { return value_ != nullptr; }
  const Interface* get() const { return value_.get(); }
  const Interface* operator->() const {
    SIM_CHECK(value_ != nullptr);
    return value_.get();
  }
  const Interface& operator*() const { return *operator->(); }

 protected:
  Interface* mutable_get() { return value_.get(); }

 private:
  std::unique_ptr<Interface> value_;
};

}  // namespace sim
