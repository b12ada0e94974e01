#include "plugins/sidecar_client.h"

#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "plugins/sidecar_channel.h"

namespace callplan::crm {
namespace {

constexpr double kDefaultTimeLimitSeconds = 10;
constexpr double kDefaultCycleTimeLimitSeconds = 60;  // cycle.proto's 0

absl::StatusOr<std::string> ReadPem(const std::string& flag,
                                    const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " ", path, ": cannot read the file"));
  }
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

absl::Status FromGrpcStatus(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

void SidecarClient::Authorize(grpc::ClientContext& context) const {
  if (!options_.token.empty()) {
    context.AddMetadata("authorization", "Bearer " + options_.token);
  }
}

absl::StatusOr<std::unique_ptr<SidecarClient>> SidecarClient::Create(
    const SidecarOptions& options) {
  if (options.address.empty()) {
    return absl::InvalidArgumentError("--sidecar HOST:PORT is required");
  }
  if (options.tls_cert.empty() != options.tls_key.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert and --tls-key go together (mutual TLS needs both)");
  }
  if (!options.tls_cert.empty() && options.tls_ca.empty()) {
    return absl::InvalidArgumentError(
        "--tls-cert needs --tls-ca (the CA that signed the sidecar)");
  }
  std::shared_ptr<grpc::ChannelCredentials> credentials =
      grpc::InsecureChannelCredentials();
  if (!options.tls_ca.empty()) {
    grpc::SslCredentialsOptions ssl;
    absl::StatusOr<std::string> ca = ReadPem("--tls-ca", options.tls_ca);
    if (!ca.ok()) return ca.status();
    ssl.pem_root_certs = *ca;
    if (!options.tls_cert.empty()) {
      absl::StatusOr<std::string> cert = ReadPem("--tls-cert", options.tls_cert);
      if (!cert.ok()) return cert.status();
      absl::StatusOr<std::string> key = ReadPem("--tls-key", options.tls_key);
      if (!key.ok()) return key.status();
      ssl.pem_cert_chain = *cert;
      ssl.pem_private_key = *key;
    }
    credentials = grpc::SslCredentials(ssl);
  }
  absl::StatusOr<std::string> target = SidecarTarget(options.address);
  if (!target.ok()) return target.status();
  grpc::ChannelArguments arguments;
  arguments.SetMaxReceiveMessageSize(64 << 20);
  arguments.SetServiceConfigJSON(SidecarServiceConfig());
  auto channel = grpc::CreateCustomChannel(*target, credentials, arguments);
  return std::unique_ptr<SidecarClient>(
      new SidecarClient(options, std::move(channel)));
}

SidecarClient::SidecarClient(SidecarOptions options,
                             std::shared_ptr<grpc::Channel> channel)
    : options_(std::move(options)),
      channel_(std::move(channel)),
      stub_(v1::PlannerService::NewStub(channel_)),
      plans_(v1::PlanService::NewStub(channel_)) {}

namespace {

// One streaming plan call, PlanDayStream's or PlanCycleStream's: progress
// to `on_progress`, the final message's plan returned. Only a sidecar that
// never answered is retried: once it has started solving, a failure is its
// answer.
template <typename Progress, typename Response, typename Open,
          typename OnProgress>
absl::StatusOr<Response> StreamPlan(const SidecarOptions& options,
                                    double limit_seconds, const Open& open,
                                    const OnProgress& on_progress) {
  const absl::Time give_up = absl::Now() + options.retry_for;
  absl::Duration backoff = options.first_backoff;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(
        absl::Now() + absl::Seconds(limit_seconds) + options.call_margin));
    std::unique_ptr<grpc::ClientReader<Progress>> reader = open(&context);
    Progress progress;
    bool heard = false;
    std::optional<Response> plan;
    while (reader->Read(&progress)) {
      heard = true;
      if (progress.has_final_response()) {
        plan = progress.final_response();
      } else if (on_progress) {
        on_progress(progress);
      }
    }
    const grpc::Status status = reader->Finish();
    if (status.ok()) {
      if (!plan) {
        return absl::DataLossError(absl::StrCat(
            "sidecar ", options.address,
            " ended the plan stream without a final plan"));
      }
      return *std::move(plan);
    }
    const bool retry = status.error_code() == grpc::StatusCode::UNAVAILABLE &&
                       !heard && absl::Now() + backoff <= give_up;
    if (!retry) {
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        return absl::UnavailableError(absl::StrCat(
            "sidecar ", options.address, " unavailable after ", attempt,
            " attempts over ", absl::FormatDuration(options.retry_for), ": ",
            status.error_message()));
      }
      return FromGrpcStatus(status);
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
}

}  // namespace

absl::StatusOr<v1::PlanDayResponse> SidecarClient::PlanDay(
    const v1::PlanDayRequest& request, const ProgressCallback& on_progress) {
  const double limit = request.options().time_limit_seconds() > 0
                           ? request.options().time_limit_seconds()
                           : kDefaultTimeLimitSeconds;
  return StreamPlan<v1::PlanDayProgress, v1::PlanDayResponse>(
      options_, limit,
      [&](grpc::ClientContext* context) {
        return stub_->PlanDayStream(context, request);
      },
      on_progress);
}

absl::StatusOr<v1::PlanCycleResponse> SidecarClient::PlanCycle(
    const v1::PlanCycleRequest& request,
    const CycleProgressCallback& on_progress) {
  return StreamPlan<v1::PlanCycleProgress, v1::PlanCycleResponse>(
      options_, CycleTimeLimitSeconds(request),
      [&](grpc::ClientContext* context) {
        return stub_->PlanCycleStream(context, request);
      },
      on_progress);
}

double CycleTimeLimitSeconds(const v1::PlanCycleRequest& request) {
  const double limit = request.territory().options().time_limit_seconds();
  return limit > 0 ? limit : kDefaultCycleTimeLimitSeconds;
}

std::string RenderCycleProgressBar(const v1::PlanCycleProgress& progress,
                                   double time_limit_seconds, int width) {
  v1::PlanDayProgress day;  // the same bar, then the cycle's own words
  day.set_elapsed_seconds(progress.elapsed_seconds());
  std::string bar = RenderProgressBar(day, time_limit_seconds, width);
  bar = bar.substr(0, bar.find("  searching"));
  absl::StrAppend(&bar, "  ", progress.stage().empty() ? "cycle" : progress.stage());
  if (progress.days_total() > 0) {
    absl::StrAppend(&bar, absl::StrFormat(" (%d/%d days planned)",
                                          progress.days_planned(),
                                          progress.days_total()));
  }
  if (progress.has_plan()) {
    absl::StrAppend(&bar, absl::StrFormat("  objective %.1f  bound %.1f",
                                          progress.objective(),
                                          progress.best_bound()));
  } else {
    absl::StrAppend(&bar, "  searching for a first plan");
  }
  return bar;
}

std::string RenderProgressBar(const v1::PlanDayProgress& progress,
                              double time_limit_seconds, int width) {
  const double limit =
      time_limit_seconds > 0 ? time_limit_seconds : kDefaultTimeLimitSeconds;
  const double done = std::clamp(progress.elapsed_seconds() / limit, 0.0, 1.0);
  const int filled = static_cast<int>(done * width + 0.5);
  std::string bar = absl::StrCat("[", std::string(filled, '#'),
                                 std::string(width - filled, '-'), "]");
  absl::StrAppend(&bar, absl::StrFormat(" %5.1f s / %g s", progress.elapsed_seconds(),
                                        limit));
  if (progress.has_incumbent()) {
    absl::StrAppend(&bar, absl::StrFormat("  potential %.1f  gap %.2f %%",
                                          progress.incumbent_objective(),
                                          100 * progress.relative_gap()));
  } else {
    absl::StrAppend(&bar, "  searching for a first plan");
  }
  return bar;
}

}  // namespace callplan::crm
