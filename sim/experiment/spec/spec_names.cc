#include "sim/experiment/spec/spec_names.h"

#include "sim/experiment/spec/json_reader.h"

namespace sim {
namespace {

bool NameCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

}  // namespace

void CheckSpecName(const std::string& path,
                   const std::string& name,
                   size_t max_length) {
  const std::string rule = "may hold only letters, digits, '_', '-' and '.'";
  if (name.empty()) ThrowSpecError(path, "is required and " + rule);
  if (name.size() > max_length) {
    ThrowSpecError(path, "may be at most " + std::to_string(max_length) +
                             " characters long, got " +
                             std::to_string(name.size()));
  }
  for (const char c : name) {
    if (!NameCharacter(c)) {
      ThrowSpecError(
          path, rule + ", got " +
                    ClipName(Json(name).dump(-1, ' ', true,
                                             Json::error_handler_t::replace)));
    }
  }
  if (name == "." || name == "..")
    ThrowSpecError(path, "may not be \".\" or \"..\" (it names a folder)");
}

void CheckModelName(const std::string& name) {
  // The path shows the name (clipped) only where it is plain text.
  bool plain = true;
  for (const char c : name) plain = plain && NameCharacter(c);
  CheckSpecName(plain ? "models." + name : "models", name, kMaxModelNameLength);
}

}  // namespace sim
