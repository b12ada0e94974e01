// The small checks every validation is made of (internal to the server's
// validation, validate.cc and validate_time.cc): a collector of field
// violations and range checks against the contract's table of ranges
// (proto/callplan/v1/field_limits.h), so every message reads the same.
#ifndef CALLPLAN_SERVER_FIELD_CHECKS_H_
#define CALLPLAN_SERVER_FIELD_CHECKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "proto/callplan/v1/field_limits.h"
#include "server/validate.h"

namespace callplan::validation {

class Collector {
 public:
  explicit Collector(std::vector<FieldViolation>& out) : out_(out) {}
  void Add(std::string field, std::string description) {
    out_.push_back({std::move(field), std::move(description)});
  }
  size_t size() const { return out_.size(); }

 private:
  std::vector<FieldViolation>& out_;
};

// Every digit of a value a caller sent (4294967295, not 4.29497e+09).
std::string Num(double v);

// "must be a whole number between 1 and 10000, got 0", with `hint` after
// it; every numeric field of the contract is checked against its range, so
// out-of-range numbers never reach the engine.
void CheckRange(Collector& c, const std::string& field, double value,
                const v1::limits::Range& range, const char* hint = "");

// Finite and >= 0.
void CheckNonNegative(Collector& c, const std::string& field, double v);

// YYYY-MM-DD naming a real day.
bool ValidDate(const std::string& date);
// ValidDate, else "must be a date YYYY-MM-DD, got \"...\"" under `field`;
// true when the date is fine.
bool CheckDate(Collector& c, const std::string& field, const std::string& date);

// "08:05" for 29100.
std::string Clock(int64_t seconds);

}  // namespace callplan::validation

#endif  // CALLPLAN_SERVER_FIELD_CHECKS_H_
