// The plugin's side of the contract: a gRPC client of the callplan sidecar's
// PlannerService. Plain TCP by default; with a CA (and optionally a client
// certificate and key for mutual TLS) the channel uses TLS to match a
// sidecar started with TLS. While the sidecar is unavailable (not started
// yet, restarting) calls are retried with exponential backoff for at most
// `retry_for`; then they fail with Unavailable naming the address.
// `address` may list several replicas or be a dns:/// target
// (plugins/sidecar_channel.h); calls are then spread over them.
#ifndef CALLPLAN_PLUGINS_SIDECAR_CLIENT_H_
#define CALLPLAN_PLUGINS_SIDECAR_CLIENT_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "callplan/v1/plan_service.grpc.pb.h"
#include "callplan/v1/planner_service.grpc.pb.h"

namespace callplan::crm {

struct SidecarOptions {
  std::string address;   // HOST:PORT, a comma-separated list, or dns:///...
  std::string tls_ca;    // PEM file: the CA that signed the sidecar's cert
  std::string tls_cert;  // PEM file: this client's certificate (mutual TLS)
  std::string tls_key;   // PEM file: its private key
  absl::Duration retry_for = absl::Seconds(30);
  absl::Duration first_backoff = absl::Milliseconds(250);
  // Beyond the request's own solve time limit, how long one call may take.
  absl::Duration call_margin = absl::Seconds(60);
  // Sent as `authorization: Bearer TOKEN` on PlanService calls, for
  // sidecars with token roles (never printed).
  std::string token;
};

// The steps a person takes on a stored plan (plan_service.proto).
enum class PlanStepKind { kApprove, kReject, kPublish };

using ProgressCallback = std::function<void(const v1::PlanDayProgress&)>;
using CycleProgressCallback = std::function<void(const v1::PlanCycleProgress&)>;
using DistrictCallback = std::function<void(const v1::DistrictResult&)>;

class SidecarClient {
 public:
  // InvalidArgument when a TLS file cannot be read or only one of
  // --tls-cert/--tls-key is given. Does not contact the sidecar.
  static absl::StatusOr<std::unique_ptr<SidecarClient>> Create(
      const SidecarOptions& options);

  // Plans through PlanDayStream, calling `on_progress` for every progress
  // message before the final plan. The sidecar's errors come back with
  // their gRPC code mapped to the absl code of the same name.
  absl::StatusOr<v1::PlanDayResponse> PlanDay(const v1::PlanDayRequest& request,
                                              const ProgressCallback& on_progress);

  // Plans a call cycle through PlanCycleStream, as PlanDay plans a day.
  absl::StatusOr<v1::PlanCycleResponse> PlanCycle(
      const v1::PlanCycleRequest& request,
      const CycleProgressCallback& on_progress);

  // Plans every district through PlanDistricts, `parallel` calls at once,
  // and calls `on_result` exactly once per district, as each arrives, one
  // call at a time (result.index = its position in `districts`). A
  // district the sidecars could not take (UNAVAILABLE, RESOURCE_EXHAUSTED)
  // is asked again for at most `retry_for`, then comes back as its error;
  // one that was answered is never asked again (plugins/sidecar_districts.cc).
  absl::Status PlanDistricts(const std::vector<v1::DistrictDay>& districts,
                             int parallel, const DistrictCallback& on_result);

  // PlanService (plugins/sidecar_plans.cc). Reads are retried while the
  // sidecar is unavailable, as plans are; a draft and a step are sent once
  // more only when no sidecar was reached (a step names its version, so a
  // repeat of one that landed comes back ABORTED, never taken twice).
  absl::StatusOr<v1::StoredPlan> CreateDraft(const v1::PlanDayRequest& day,
                                             const std::string& reason);
  absl::StatusOr<v1::StoredPlan> GetPlan(const std::string& plan_id);
  // base_plan_id "" = the published plan of the plan's territory-day.
  absl::StatusOr<v1::PlanDiff> DiffPlans(const std::string& base_plan_id,
                                         const std::string& plan_id);
  absl::StatusOr<v1::ReplanResponse> Replan(const v1::ReplanRequest& request);
  absl::StatusOr<v1::StoredPlan> StepPlan(PlanStepKind step,
                                          const std::string& plan_id,
                                          int64_t expected_version,
                                          const std::string& reason);

 private:
  void Authorize(grpc::ClientContext& context) const;
  v1::DistrictResult PlanOneDistrict(const v1::DistrictDay& district);

  SidecarClient(SidecarOptions options, std::shared_ptr<grpc::Channel> channel);

  SidecarOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<v1::PlannerService::Stub> stub_;
  std::unique_ptr<v1::PlanService::Stub> plans_;
};

// A gRPC status as the absl status of the same code.
absl::Status FromGrpcStatus(const grpc::Status& status);

// One line for a terminal: "[#####-----]  4.2 s / 10 s  gap 3.10 %".
std::string RenderProgressBar(const v1::PlanDayProgress& progress,
                              double time_limit_seconds, int width = 30);

// The cycle's solve budget: its territory's time limit, else the
// contract's 60 s.
double CycleTimeLimitSeconds(const v1::PlanCycleRequest& request);

// The same bar for a cycle, with its stage and days planned.
std::string RenderCycleProgressBar(const v1::PlanCycleProgress& progress,
                                   double time_limit_seconds, int width = 30);

}  // namespace callplan::crm

#endif  // CALLPLAN_PLUGINS_SIDECAR_CLIENT_H_
