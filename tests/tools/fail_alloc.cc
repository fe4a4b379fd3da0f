// LD_PRELOAD shim for fault-injection tests: memory that runs out. Every
// allocation of more than PMOE_FAIL_ALLOC_ABOVE bytes fails (null and
// ENOMEM, so operator new throws std::bad_alloc), as allocations fail
// when a process reaches its memory limit. Unlike a real limit it picks
// the same allocations whatever the thread count, so tests are exact.
// Built on glibc's own entry points (__libc_malloc ...), which need no
// dlsym (dlsym itself allocates).
#include <cerrno>
#include <cstddef>
#include <cstdlib>

extern "C" {
void* __libc_malloc(size_t size);
void* __libc_calloc(size_t count, size_t size);
void* __libc_realloc(void* pointer, size_t size);
void* __libc_memalign(size_t alignment, size_t size);
}

namespace {

// The limit in bytes; negative: none. Read once (getenv does not allocate).
long long Limit() {
  static const long long limit = [] {
    const char* text = std::getenv("PMOE_FAIL_ALLOC_ABOVE");
    return text == nullptr ? -1LL : std::atoll(text);
  }();
  return limit;
}

bool Refused(size_t size) {
  if (Limit() < 0 || static_cast<long long>(size) <= Limit()) return false;
  errno = ENOMEM;
  return true;
}

}  // namespace

extern "C" void* malloc(size_t size) {
  return Refused(size) ? nullptr : __libc_malloc(size);
}

extern "C" void* calloc(size_t count, size_t size) {
  if (size != 0 && count > static_cast<size_t>(-1) / size) {
    errno = ENOMEM;
    return nullptr;
  }
  return Refused(count * size) ? nullptr : __libc_calloc(count, size);
}

extern "C" void* realloc(void* pointer, size_t size) {
  return Refused(size) ? nullptr : __libc_realloc(pointer, size);
}

extern "C" void* memalign(size_t alignment, size_t size) {
  return Refused(size) ? nullptr : __libc_memalign(alignment, size);
}

extern "C" void* aligned_alloc(size_t alignment, size_t size) {
  return memalign(alignment, size);
}

extern "C" int posix_memalign(void** out, size_t alignment, size_t size) {
  void* pointer = memalign(alignment, size);
  if (pointer == nullptr) return ENOMEM;
  *out = pointer;
  return 0;
}
