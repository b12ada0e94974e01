// Shared by the learned-potential tests: a generated field force with a
// known truth (tests/fixtures/history_generator.h) written as a CRM bundle
// into a scratch folder once per test binary, read back as the plugin
// reads any bundle.
#ifndef CALLPLAN_TESTS_PLUGINS_LEARNING_LEARNING_TEST_SUPPORT_H_
#define CALLPLAN_TESTS_PLUGINS_LEARNING_LEARNING_TEST_SUPPORT_H_

#include <cstdlib>
#include <map>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "plugins/crm_reader.h"
#include "tests/fixtures/history_generator.h"

namespace callplan::crm::testing {

struct GeneratedBundle {
  std::string dir;
  history::GeneratedHistory history;
  CrmBundle bundle;
  // (physician, product) -> its truth
  std::map<std::pair<std::string, std::string>, const history::SeriesTruth*> truth;
};

// 400 physicians, 2023-03 to 2026-02, seed 1; generated on first use.
inline const GeneratedBundle& Generated() {
  static const GeneratedBundle* generated = [] {
    auto* g = new GeneratedBundle;
    char pattern[] = "/tmp/callplan-learning-XXXXXX";
    g->dir = std::string(mkdtemp(pattern)) + "/bundle";
    std::string error;
    history::FieldForceOptions options;
    if (!history::WriteGeneratedBundle(g->dir, options, &g->history, &error)) {
      std::abort();
    }
    absl::StatusOr<CrmBundle> bundle = ReadCrmBundle(g->dir);
    if (!bundle.ok()) std::abort();
    g->bundle = *std::move(bundle);
    for (const history::SeriesTruth& truth : g->history.truth) {
      g->truth[{truth.physician_id, truth.product}] = &truth;
    }
    return g;
  }();
  return *generated;
}

}  // namespace callplan::crm::testing

#endif  // CALLPLAN_TESTS_PLUGINS_LEARNING_LEARNING_TEST_SUPPORT_H_
