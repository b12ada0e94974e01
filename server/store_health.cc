#include "server/store_health.h"

#include <iostream>
#include <utility>

namespace callplan {

StoreHealth::StoreHealth(store::PolicyStore* store,
                         grpc::HealthCheckServiceInterface* health,
                         std::vector<std::string> services, Intervals intervals)
    : store_(store),
      health_(health),
      services_(std::move(services)),
      intervals_(intervals) {}

StoreHealth::~StoreHealth() { Stop(); }

void StoreHealth::Start() { prober_ = std::thread([this] { Run(); }); }

void StoreHealth::Stop() {
  {
    absl::MutexLock lock(&mu_);
    stop_ = true;
  }
  if (prober_.joinable()) prober_.join();
}

void StoreHealth::ReportAuditFailure() {
  absl::MutexLock lock(&mu_);
  if (stop_) return;
  probe_now_ = true;
  // Health follows at once, before the next probe: the caller that just
  // failed is not the last one to find out.
  if (serving_) {
    serving_ = false;
    for (const std::string& service : services_) {
      health_->SetServingStatus(service, false);
    }
    health_->SetServingStatus("", false);
    std::cerr << "callplan-sidecar: an audit record could not be written; "
                 "health NOT_SERVING until the store takes writes again"
              << std::endl;
  }
}

void StoreHealth::Run() {
  for (;;) {
    const absl::Status probe = store_->ProbeAuditWrite();
    Set(probe.ok(), std::string(probe.message()));
    absl::MutexLock lock(&mu_);
    const auto woken = [this]() ABSL_NO_THREAD_SAFETY_ANALYSIS {
      return stop_ || probe_now_;  // Await calls it with mu_ held
    };
    mu_.AwaitWithTimeout(absl::Condition(&woken),
                         serving_ ? intervals_.while_serving
                                  : intervals_.while_not_serving);
    if (stop_) return;
    probe_now_ = false;
  }
}

void StoreHealth::Set(bool serving, const std::string& why) {
  absl::MutexLock lock(&mu_);
  if (stop_ || serving == serving_) return;
  serving_ = serving;
  for (const std::string& service : services_) {
    health_->SetServingStatus(service, serving);
  }
  health_->SetServingStatus("", serving);
  if (serving) {
    std::cerr << "callplan-sidecar: the audit trail takes writes again; "
                 "health SERVING" << std::endl;
  } else {
    std::cerr << "callplan-sidecar: the audit trail cannot be written (" << why
              << "); health NOT_SERVING" << std::endl;
  }
}

}  // namespace callplan
