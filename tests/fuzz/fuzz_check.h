// What a fuzz target does when the product breaks a promise that is not a
// memory or undefined-behaviour error (those the sanitizers catch): say
// which promise, then abort. libFuzzer reports the abort as a crash and
// keeps the input (crash-<sha1>) for a regression test.
#ifndef CALLPLAN_TESTS_FUZZ_FUZZ_CHECK_H_
#define CALLPLAN_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>
#include <string>

namespace callplan::fuzz {

inline void Require(bool holds, const std::string& promise) {
  if (holds) return;
  std::fprintf(stderr, "broken promise: %s\n", promise.c_str());
  std::abort();
}

}  // namespace callplan::fuzz

#endif  // CALLPLAN_TESTS_FUZZ_FUZZ_CHECK_H_
