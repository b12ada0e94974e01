#include "plugins/learning/driver_words.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace callplan::crm::learning {
namespace {

std::string Percent(double change) {
  return absl::StrFormat("%.0f%%", std::abs(change) * 100);
}

std::string UpOrDown(double change) {
  return absl::StrCat(change >= 0 ? "up " : "down ", Percent(change));
}

// The change the driver's strongest feature saw, and whether the model
// expects it to go on: a rise it has seen fade before pulls the forecast
// down, and says so.
std::string TrendWords(const DriverEffect& driver, const ForecastFacts& facts) {
  static const std::map<int, const char*> kCompared = {
      {kTrend3m, " over three months"},
      {kTrend12m, " on the year's average"},
      {kTrendYearOnYear, " on a year ago"},
      {kLastMonthChange, " last month"}};
  const auto compared = kCompared.find(driver.strongest_feature);
  const float change = compared == kCompared.end()
                           ? std::nanf("")
                           : facts.features[driver.strongest_feature];
  if (std::isnan(change)) return absl::StrCat("recent prescriptions of ", facts.product);
  const bool goes_on = (change >= 0) == (driver.effect >= 0);
  return absl::StrCat("prescriptions of ", facts.product, " ", UpOrDown(change),
                      compared->second,
                      goes_on ? ", expected to go on" : ", expected to settle back");
}

std::string CallWords(const ForecastFacts& facts) {
  const float days = facts.features[kDaysSinceCall];
  const int calls = static_cast<int>(facts.features[kCalls3m]);
  if (std::isnan(days)) return absl::StrCat("never called for ", facts.product);
  std::string words = absl::StrCat("last called ", static_cast<int>(days), " days ago");
  if (calls == 0) return absl::StrCat(words, ", no call in the last three months");
  return absl::StrCat(words, ", ", calls, calls == 1 ? " call" : " calls",
                      " in the last three months");
}

std::string SeasonWords(const DriverEffect& driver, const ForecastFacts& facts) {
  static const char* kMonths[] = {"January", "February", "March",     "April",
                                  "May",     "June",     "July",      "August",
                                  "September", "October", "November", "December"};
  const int month = std::clamp(static_cast<int>(facts.features[kSeasonMonth]), 1, 12);
  const float ahead = facts.features[kSeasonAhead];
  if (!std::isnan(ahead)) {
    return absl::StrCat("a year ago ", facts.product, "'s three months from ",
                        kMonths[month - 1], " were ", Percent(ahead),
                        ahead >= 0 ? " stronger" : " weaker", " across physicians");
  }
  return absl::StrCat(facts.product, "'s season from ", kMonths[month - 1], " is ",
                      driver.effect >= 0 ? "stronger" : "weaker");
}

}  // namespace

std::vector<DriverEffect> TopDrivers(const FeatureLayout& layout,
                                     const std::vector<float>& contributions) {
  std::map<Driver, double> sums;
  std::map<Driver, int> strongest;
  for (int f = 0; f < layout.size(); ++f) {
    const Driver driver = layout.features()[f].driver;
    sums[driver] += contributions[f];
    const auto [it, first] = strongest.emplace(driver, f);
    if (std::abs(contributions[f]) > std::abs(contributions[it->second])) it->second = f;
  }
  std::vector<DriverEffect> drivers;
  for (const auto& [driver, sum] : sums) {
    const double effect = std::exp(sum) - 1;
    if (std::abs(effect) >= 0.02) drivers.push_back({driver, effect, strongest[driver]});
  }
  std::stable_sort(drivers.begin(), drivers.end(), [](const auto& a, const auto& b) {
    return std::abs(a.effect) > std::abs(b.effect);
  });
  if (drivers.size() > 3) drivers.resize(3);
  return drivers;
}

std::string DriverWords(const DriverEffect& driver, const ForecastFacts& facts) {
  switch (driver.driver) {
    case Driver::kTrend:
      return TrendWords(driver, facts);
    case Driver::kCalls:
      return CallWords(facts);
    case Driver::kSeason:
      return SeasonWords(driver, facts);
    case Driver::kShare:
      return std::isnan(facts.features[kShare])
                 ? absl::StrCat("no prescribing of the family lately")
                 : absl::StrCat(facts.product, " is ", Percent(facts.features[kShare]),
                                " of the physician's prescribing of the family");
    case Driver::kSpecialty:
      return facts.specialty.empty()
                 ? "no specialty recorded"
                 : absl::StrCat(facts.specialty, " physicians' prescribing of ", facts.product);
    case Driver::kProduct:
      return absl::StrCat(facts.product, "'s movement across physicians");
    case Driver::kVolume:
      return absl::StrFormat("%.0f prescriptions a month lately, %s", facts.recent,
                             driver.effect >= 0 ? "a level that tends to grow"
                                                : "a level that tends to fall back");
  }
  return "";
}

std::string ExplainForecast(const FeatureLayout& layout, const ForecastFacts& facts,
                            const std::vector<float>& contributions) {
  std::string words = absl::StrFormat(
      "forecast %.0f %s prescriptions in %d months (%.0f a month lately, %.0f over the "
      "year)",
      facts.forecast, facts.product, kHorizonMonths, facts.recent, facts.level);
  std::vector<std::string> parts;
  for (const DriverEffect& driver : TopDrivers(layout, contributions)) {
    parts.push_back(absl::StrCat(DriverWords(driver, facts), " (",
                                 driver.effect >= 0 ? "+" : "-", Percent(driver.effect), ")"));
  }
  if (parts.empty()) return absl::StrCat(words, ", as lately");
  return absl::StrCat(words, ": ", absl::StrJoin(parts, "; "));
}

}  // namespace callplan::crm::learning
