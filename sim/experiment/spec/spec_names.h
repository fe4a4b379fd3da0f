// Names a spec gives (the grid's name, each model's name) become folder and
// file names and labels in plot scripts: they are held to one documented
// character set, so that none can name another folder or be read as
// anything but text by another program.
#pragma once

#include <cstddef>
#include <string>

namespace sim {

constexpr size_t kMaxModelNameLength = 64;

// Throws SpecError at `path` unless `name` is 1 to `max_length` characters
// from [A-Za-z0-9_.-] and not "." or "..". The message shows the name
// JSON-escaped (a newline or a quote is visible, not acted on).
void CheckSpecName(const std::string& path,
                   const std::string& name,
                   size_t max_length);

// A model's name, the key of spec.models: CheckSpecName at models.NAME.
void CheckModelName(const std::string& name);

}  // namespace sim
