// Stored plans and their life (issue 13): DRAFT -> APPROVED -> PUBLISHED ->
// SUPERSEDED, or REJECTED with a reason.
//
// Contract of every PlanStore:
// - A plan is created as DRAFT version 1; every step adds 1 to the version
//   and one entry to its history. A step names the version it moves on
//   from: a stale one is ABORTED and changes nothing.
// - Which steps may follow which is decided in one place, NextPlanState
//   (plan_state.h); a step out of order is FAILED_PRECONDITION naming the
//   plan's state, and changes nothing.
// - Publishing a plan makes the plan published before for the same
//   territory and date SUPERSEDED, in the same transaction: at most one
//   plan per territory-day is PUBLISHED at any time, across processes.
// - Every step appends a PLAN_STEP audit event in the same transaction as
//   the change (old_value / new_value "STATE vN", detail "plan=ID
//   date=DATE"), so a crash leaves the step and its record, or neither.
// - The request and response are opaque bytes to the store (the server's
//   serialized protos); they are written once, with the draft.
#ifndef CALLPLAN_SERVER_STORE_PLAN_STORE_H_
#define CALLPLAN_SERVER_STORE_PLAN_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "server/store/plan_state.h"

namespace callplan::store {

struct PlanStep {
  int64_t version = 0;
  PlanState state = PlanState::kDraft;  // the state the step left
  std::string actor;
  absl::Time time;
  std::string reason;
};

struct StoredPlan {
  std::string plan_id;
  std::string territory_id;
  std::string date;                   // YYYY-MM-DD
  std::vector<std::string> team_ids;  // ascending
  PlanState state = PlanState::kDraft;
  int64_t version = 0;
  std::string etag;
  double objective = 0;
  int64_t visits = 0;
  std::string request_digest;
  std::string superseded_by;  // "" unless SUPERSEDED
  std::string created_by;
  absl::Time created_at;
  std::string updated_by;  // who took the last step, and when
  absl::Time updated_at;
  std::string request;        // opaque bytes
  std::string response;       // opaque bytes
  std::vector<PlanStep> history;  // oldest first; history.back() is the last step
};

struct NewPlan {
  std::string territory_id;
  std::string date;
  std::vector<std::string> team_ids;
  double objective = 0;
  int64_t visits = 0;
  std::string request_digest;
  std::string request;
  std::string response;
  std::string actor;
  std::string reason;
  // Added to the draft's audit record's counts, e.g. the manager's
  // decisions it was planned with ({"pins": 2, "forbidden_visits": 1}).
  std::map<std::string, int64_t> audit_counts;
};

struct PlanStepRequest {
  std::string plan_id;
  int64_t expected_version = 0;
  PlanStepKind step = PlanStepKind::kApprove;
  std::string actor;
  std::string reason;
  // Whether a team of the plan requires approval before publishing (the
  // caller read the teams' policies); decides if DRAFT may be published.
  bool approval_required = false;
};

struct PlanFilter {
  std::optional<std::string> territory_id;
  std::optional<std::string> date;
  std::optional<PlanState> state;
};

struct PlanPage {
  // Newest first; request, response and history left empty.
  std::vector<StoredPlan> plans;
  std::string next_page_token;    // "" on the last page
};

class PlanStore {
 public:
  virtual ~PlanStore() = default;

  // Stores a DRAFT (version 1) under a new id. INVALID_ARGUMENT for an
  // empty territory_id or date.
  virtual absl::StatusOr<StoredPlan> CreatePlan(const NewPlan& plan) = 0;
  // NOT_FOUND naming the id.
  virtual absl::StatusOr<StoredPlan> GetPlan(const std::string& plan_id) = 0;
  // The PUBLISHED plan of a territory-day, if any.
  virtual absl::StatusOr<std::optional<StoredPlan>> GetPublishedPlan(
      const std::string& territory_id, const std::string& date) = 0;
  // page_size <= 0 means 50; capped at 500. INVALID_ARGUMENT for a bad token.
  virtual absl::StatusOr<PlanPage> ListPlans(const PlanFilter& filter,
                                             int page_size,
                                             const std::string& page_token) = 0;
  // Takes one step. NOT_FOUND, ABORTED (stale expected_version),
  // FAILED_PRECONDITION (out of order), INVALID_ARGUMENT (a reject without
  // a reason).
  virtual absl::StatusOr<StoredPlan> StepPlan(const PlanStepRequest& step) = 0;
};

// Deterministic etag of a plan at a version.
std::string PlanEtag(const std::string& plan_id, int64_t version);

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_PLAN_STORE_H_
