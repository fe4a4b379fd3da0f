// A value of some type behind an interface: copied by cloning, so a
// config that holds one (a model's or a data source's options) keeps plain
// value semantics.
#pragma once

#include <memory>
#include <type_traits>
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

// Options of any type T, held as Holder<T> (which implements Interface for
// T): ModelConfig and DataSourceConfig.
template <typename Interface, template <typename> class Holder>
class ConfigValue : public PolyValue<Interface> {
 public:
  ConfigValue() = default;
  template <typename T>
  requires(!std::is_base_of_v<PolyValue<Interface>, std::decay_t<T>>)
      ConfigValue(T options)  // NOLINT: implicit, like a variant's alternative
      : PolyValue<Interface>(std::make_unique<Holder<T>>(std::move(options))) {}

  // The options if they are of type T, else null.
  template <typename T>
  const T* As() const {
    const auto* holder = dynamic_cast<const Holder<T>*>(this->get());
    return holder ? &holder->options : nullptr;
  }
  // The options of type T, to edit (they must be of type T).
  template <typename T>
  T& Mutable() {
    auto* holder = dynamic_cast<Holder<T>*>(this->mutable_get());
    SIM_CHECK(holder != nullptr);
    return holder->options;
  }
};

}  // namespace sim
