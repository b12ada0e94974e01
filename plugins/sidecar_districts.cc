// SidecarClient::PlanDistricts: one PlanDistricts call per district, a few
// at once, over the round_robin channel (plugins/sidecar_channel.h).
//
// Why one district per call: gRPC retries a server stream only until its
// first message, and a one-district call has only one, so a replica dying
// mid-solve is always a call gRPC itself retries on another replica, and a
// result, once received, is never asked for again. The calls are spread
// over the replicas by round_robin, not by us.
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "plugins/sidecar_client.h"

namespace callplan::crm {
namespace {

constexpr double kDefaultTimeLimitSeconds = 10;

// Codes that mean "not planned, ask again" rather than an answer about the
// district: the replica is gone or draining, or every solver thread of the
// one chosen is busy.
bool Retryable(int code) {
  return code == grpc::StatusCode::UNAVAILABLE ||
         code == grpc::StatusCode::RESOURCE_EXHAUSTED;
}

v1::DistrictResult CallFailed(const v1::DistrictDay& district,
                              const grpc::Status& status,
                              const std::string& where) {
  v1::DistrictResult result;
  result.set_district_id(district.district_id());
  result.mutable_error()->set_code(status.error_code());
  result.mutable_error()->set_message(
      absl::StrCat("sidecar ", where, ": ", status.error_message()));
  return result;
}

}  // namespace

v1::DistrictResult SidecarClient::PlanOneDistrict(
    const v1::DistrictDay& district) {
  const double limit = district.day().options().time_limit_seconds() > 0
                           ? district.day().options().time_limit_seconds()
                           : kDefaultTimeLimitSeconds;
  v1::PlanDistrictsRequest request;
  *request.add_districts() = district;
  const absl::Time give_up = absl::Now() + options_.retry_for;
  absl::Duration backoff = options_.first_backoff;
  for (;;) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(
        absl::Now() + absl::Seconds(limit) + options_.call_margin));
    auto reader = stub_->PlanDistricts(&context, request);
    v1::DistrictResult result;
    const bool heard = reader->Read(&result);
    while (heard && reader->Read(&result)) {
    }
    const grpc::Status status = reader->Finish();
    // A result is kept even when the stream broke after it.
    if (heard) {
      if (!result.has_error() || !Retryable(result.error().code()) ||
          absl::Now() + backoff > give_up) {
        return result;
      }
    } else if (!Retryable(status.error_code()) ||
               absl::Now() + backoff > give_up) {
      return CallFailed(district, status, options_.address);
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
}

absl::Status SidecarClient::PlanDistricts(
    const std::vector<v1::DistrictDay>& districts, int parallel,
    const DistrictCallback& on_result) {
  std::atomic<size_t> next{0};
  absl::Mutex deliver;  // on_result runs on one thread at a time
  auto work = [&] {
    for (size_t k = next++; k < districts.size(); k = next++) {
      v1::DistrictResult result = PlanOneDistrict(districts[k]);
      result.set_index(static_cast<uint32_t>(k));
      absl::MutexLock lock(&deliver);
      on_result(result);
    }
  };
  std::vector<std::thread> callers;
  const int threads =
      std::max(1, std::min<int>(parallel, static_cast<int>(districts.size())));
  for (int t = 0; t < threads; ++t) callers.emplace_back(work);
  for (std::thread& caller : callers) caller.join();
  return absl::OkStatus();
}

}  // namespace callplan::crm
