// Fuzzes the CRM bundle reader as `callplan-crm sync --crm DIR` runs it: the
// CSV parser, the field readers of every file, the cross-file checks, and
// the PlanDayRequest built from an accepted bundle.
//
// An input is a whole bundle, its files one after another, each introduced
// by a line "==> NAME <==" (what `tail -n +1 reps.csv physicians.csv ...`
// prints, so a seed is made from a real bundle in one command); NAME is one
// of the bundle's six files, anything else is ignored. The files are written
// into a scratch folder that the reader then reads, as it reads a CRM's
// export.
//
// Promises checked beyond "no crash, no sanitizer finding":
//  - a refused bundle is INVALID_ARGUMENT with one problem per line;
//  - a bundle the reader accepts becomes a request the sidecar's validation
//    accepts too, so a CRM's mistake is always reported as file:line, never
//    as a rejected request the CRM user cannot map back to the files.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "plugins/crm_reader.h"
#include "plugins/plan_request.h"
#include "server/validate.h"
#include "tests/fuzz/fuzz_check.h"

namespace callplan::fuzz {
namespace {

constexpr const char* kFiles[] = {"reps.csv",          "physicians.csv",
                                  "potentials.csv",    "teams.csv",
                                  "visit_history.csv", "territory.csv",
                                  "prescriptions.csv"};

// The files of one input by name; text before the first header is dropped.
std::map<std::string, std::string> SplitBundle(const std::string& input) {
  std::map<std::string, std::string> files;
  std::string* current = nullptr;
  size_t pos = 0;
  while (pos < input.size()) {
    size_t end = input.find('\n', pos);
    if (end == std::string::npos) end = input.size();
    const std::string line = input.substr(pos, end - pos);
    const bool header = line.size() > 8 && line.compare(0, 4, "==> ") == 0 &&
                        line.compare(line.size() - 4, 4, " <==") == 0;
    if (header) {
      current = &files[line.substr(4, line.size() - 8)];
      current->clear();
    } else if (current != nullptr) {
      current->append(input, pos, end - pos);
      if (end < input.size()) current->push_back('\n');
    }
    pos = end + 1;
  }
  return files;
}

void RemoveBundle(const std::string& folder) {
  for (const char* name : kFiles) {
    std::remove(absl::StrCat(folder, "/", name).c_str());
  }
}

// Made once per process, removed when the fuzzer exits.
const std::string& ScratchFolder() {
  static const std::string* folder = [] {
    const char* base = std::getenv("TMPDIR");
    std::string templ = absl::StrCat(base && *base ? base : "/tmp",
                                     "/callplan-fuzz-bundle-XXXXXX");
    if (mkdtemp(templ.data()) == nullptr) std::abort();
    std::atexit([] {
      RemoveBundle(ScratchFolder());
      rmdir(ScratchFolder().c_str());
    });
    return new std::string(templ);
  }();
  return *folder;
}

void WriteBundle(const std::map<std::string, std::string>& files) {
  RemoveBundle(ScratchFolder());
  for (const char* name : kFiles) {
    const auto found = files.find(name);
    if (found == files.end()) continue;
    std::ofstream(absl::StrCat(ScratchFolder(), "/", name), std::ios::binary)
        << found->second;
  }
}

void ReadOne(const std::string& input) {
  WriteBundle(SplitBundle(input));
  absl::StatusOr<crm::CrmBundle> bundle = crm::ReadCrmBundle(ScratchFolder());
  if (!bundle.ok()) {
    Require(absl::IsInvalidArgument(bundle.status()) &&
                !bundle.status().message().empty(),
            absl::StrCat("a refused bundle says why, got ",
                         bundle.status().ToString()));
    return;
  }
  const v1::PlanDayRequest request =
      crm::BuildPlanDayRequest(*bundle, "2026-03-12");
  const std::vector<FieldViolation> violations =
      ValidatePlanDayRequest(request);
  std::vector<std::string> listed;
  for (const FieldViolation& v : violations) {
    listed.push_back(absl::StrCat(v.field, ": ", v.description));
  }
  Require(violations.empty(),
          absl::StrCat("an accepted bundle makes a valid request, got ",
                       absl::StrJoin(listed, "; ")));
}

}  // namespace
}  // namespace callplan::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  callplan::fuzz::ReadOne(
      std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
