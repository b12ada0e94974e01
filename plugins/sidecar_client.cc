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

absl::Status ToAbsl(const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      status.error_message());
}

}  // namespace

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
      stub_(v1::PlannerService::NewStub(channel_)) {}

absl::StatusOr<v1::PlanDayResponse> SidecarClient::PlanDay(
    const v1::PlanDayRequest& request, const ProgressCallback& on_progress) {
  const double limit = request.options().time_limit_seconds() > 0
                           ? request.options().time_limit_seconds()
                           : kDefaultTimeLimitSeconds;
  const absl::Time give_up = absl::Now() + options_.retry_for;
  absl::Duration backoff = options_.first_backoff;
  for (int attempt = 1;; ++attempt) {
    grpc::ClientContext context;
    context.set_deadline(absl::ToChronoTime(
        absl::Now() + absl::Seconds(limit) + options_.call_margin));
    std::unique_ptr<grpc::ClientReader<v1::PlanDayProgress>> reader =
        stub_->PlanDayStream(&context, request);
    v1::PlanDayProgress progress;
    bool heard = false;
    std::optional<v1::PlanDayResponse> plan;
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
            "sidecar ", options_.address,
            " ended the plan stream without a final plan"));
      }
      return *std::move(plan);
    }
    // Only a sidecar that never answered is retried: once it has started
    // solving, a failure is its answer.
    const bool retry = status.error_code() == grpc::StatusCode::UNAVAILABLE &&
                       !heard && absl::Now() + backoff <= give_up;
    if (!retry) {
      if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        return absl::UnavailableError(absl::StrCat(
            "sidecar ", options_.address, " unavailable after ", attempt,
            " attempts over ", absl::FormatDuration(options_.retry_for), ": ",
            status.error_message()));
      }
      return ToAbsl(status);
    }
    absl::SleepFor(backoff);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
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
