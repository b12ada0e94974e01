// A program with one planted bug per mode, for tests/sanitize: it shows that
// the sanitizer build stops a process at the first memory error, undefined
// behaviour or leak, with the settings ctest passes down to the processes
// tests start. Built only with CALLPLAN_SANITIZE; never shipped.
//   sanitizer_canary none | heap-overflow | signed-overflow | leak |
//                    stack-use-after-return
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

void* volatile sink;  // keeps the compiler from seeing through the bugs

__attribute__((noinline)) int HeapOverflow(int n) {
  char* block = new char[n];
  std::memset(block, 0, n);
  const int past_the_end = block[n];
  delete[] block;
  return past_the_end;
}

__attribute__((noinline)) int SignedOverflow(int n) {
  volatile int largest = INT_MAX;
  return largest + n;
}

__attribute__((noinline)) int Leak(int n) {
  sink = std::malloc(n);
  sink = nullptr;
  return 0;
}

__attribute__((noinline)) int* LocalAddress(int n) {
  int local[4] = {n, n, n, n};
  int* volatile escaped = local;
  return escaped;
}

__attribute__((noinline)) int StackUseAfterReturn(int n) {
  return *LocalAddress(n);
}

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "none";
  const int n = argc > 2 ? std::atoi(argv[2]) : 1;
  int result = 0;
  if (std::strcmp(mode, "heap-overflow") == 0) {
    result = HeapOverflow(n);
  } else if (std::strcmp(mode, "signed-overflow") == 0) {
    result = SignedOverflow(n);
  } else if (std::strcmp(mode, "leak") == 0) {
    result = Leak(n);
  } else if (std::strcmp(mode, "stack-use-after-return") == 0) {
    result = StackUseAfterReturn(n);
  } else if (std::strcmp(mode, "none") != 0) {
    std::fprintf(stderr, "unknown mode %s\n", mode);
    return 2;
  }
  std::printf("canary survived %s (%d)\n", mode, result);
  return 0;
}
