// Invariant checks for programmer errors (not for user input, which is
// validated at the edge and reported as SpecError).
#pragma once

#include <stdexcept>
#include <string>

namespace sim {

// Thrown when a typed option struct holds a value the core cannot use. The
// message names the field and the rule; the edge maps it to its JSON path.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(std::string field, std::string rule)
      : std::runtime_error(field + ": " + rule),
        field_(std::move(field)),
        rule_(std::move(rule)) {}
  const std::string& field() const { return field_; }
  const std::string& rule() const { return rule_; }

 private:
  std::string field_;
  std::string rule_;
};

// Throws ConfigError(field, rule) unless `ok`.
inline void Require(bool ok,
                    const std::string& field,
                    const std::string& rule) {
  if (!ok) throw ConfigError(field, rule);
}

// Runs `validate`, prefixing the field of any ConfigError it throws.
template <typename Validate>
void WithFieldPrefix(const std::string& prefix, Validate&& validate) {
  try {
    validate();
  } catch (const ConfigError& e) {
    throw ConfigError(prefix + e.field(), e.rule());
  }
}

}  // namespace sim

#define SIM_CHECK(cond)                                    \
  do {                                                     \
    if (!(cond))                                           \
      throw std::logic_error(std::string(__FILE__) + ":" + \
                             std::to_string(__LINE__) +    \
                             ": check failed: " #cond);    \
  } while (0)
