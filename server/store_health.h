// Health that says whether plans can be recorded (issue 10, finding 8: with
// an unwritable or full store, health said SERVING while every PlanDay
// answered UNAVAILABLE "could not be recorded in the audit trail").
//
// A thread probes the store (PolicyStore::ProbeAuditWrite) every few
// seconds, and at once after PlanGovernance reports a failed audit write,
// and sets gRPC health for the server ("") and for PlannerService and
// AdminService: SERVING while records can be written, NOT_SERVING while
// they cannot. Each change is logged. Stop() before draining, so that the
// drain's NOT_SERVING is never turned back.
#ifndef CALLPLAN_SERVER_STORE_HEALTH_H_
#define CALLPLAN_SERVER_STORE_HEALTH_H_

#include <string>
#include <thread>
#include <vector>

#include <grpcpp/health_check_service_interface.h>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "server/store/store.h"

namespace callplan {

class StoreHealth {
 public:
  struct Intervals {
    absl::Duration while_serving = absl::Seconds(5);
    absl::Duration while_not_serving = absl::Seconds(1);
  };

  // All must outlive this object; `services` are the gRPC service names
  // whose health follows the store's ("" is always included).
  StoreHealth(store::PolicyStore* store,
              grpc::HealthCheckServiceInterface* health,
              std::vector<std::string> services, Intervals intervals);
  StoreHealth(store::PolicyStore* store,
              grpc::HealthCheckServiceInterface* health,
              std::vector<std::string> services)
      : StoreHealth(store, health, std::move(services), Intervals()) {}
  ~StoreHealth();
  StoreHealth(const StoreHealth&) = delete;
  StoreHealth& operator=(const StoreHealth&) = delete;

  // Probes at once, then keeps probing until Stop().
  void Start();
  void Stop();
  // An audit write just failed: NOT_SERVING now, and probe again soon.
  void ReportAuditFailure();

 private:
  void Run();
  void Set(bool serving, const std::string& why);

  store::PolicyStore* const store_;
  grpc::HealthCheckServiceInterface* const health_;
  const std::vector<std::string> services_;
  const Intervals intervals_;
  std::thread prober_;

  absl::Mutex mu_;
  bool stop_ ABSL_GUARDED_BY(mu_) = false;
  bool probe_now_ ABSL_GUARDED_BY(mu_) = false;
  bool serving_ ABSL_GUARDED_BY(mu_) = true;
};

}  // namespace callplan

#endif  // CALLPLAN_SERVER_STORE_HEALTH_H_
