#include "server/serve.h"

#include <signal.h>

#include <atomic>
#include <iostream>
#include <memory>

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server.h>
#include <grpcpp/server_builder.h>

#include "absl/time/clock.h"
#include "server/admin_service.h"
#include "server/auth.h"
#include "server/plan_governance.h"
#include "server/plan_service.h"
#include "server/planner_service.h"
#include "server/request_log.h"
#include "server/sidecar_config.h"
#include "server/solve_pool.h"
#include "server/store_health.h"
#include "server/store/open_store.h"

namespace callplan {
namespace {

// Route calls that may wait for a route thread; Route is quick, so a short
// queue only absorbs bursts.
constexpr int kRouteQueue = 64;

std::shared_ptr<grpc::ServerCredentials> Credentials(const ServeSettings& s) {
  if (s.tls_cert_pem.empty()) return grpc::InsecureServerCredentials();
  grpc::SslServerCredentialsOptions options(
      s.client_ca_pem.empty()
          ? GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE
          : GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  options.pem_root_certs = s.client_ca_pem;
  options.pem_key_cert_pairs.push_back({s.tls_key_pem, s.tls_cert_pem});
  return grpc::SslServerCredentials(options);
}

// Blocks the stop signals in this thread and every thread started after it,
// so that only the sigwait below sees them.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

void Drain(const ServeSettings& settings, PlannerServiceImpl& service,
           grpc::Server& server, SolvePool& solve_pool, SolvePool& route_pool) {
  server.GetHealthCheckService()->SetServingStatus(false);
  service.StartDraining();
  const absl::Time grace_end = absl::Now() + settings.drain_grace;
  const bool idle =
      solve_pool.WaitIdle(grace_end) && route_pool.WaitIdle(grace_end);
  if (!idle) {
    std::cerr << "callplan-sidecar: grace period over, stopping running solves "
                 "with their best plans\n";
    service.StopSolves();
    solve_pool.WaitIdle(absl::InfiniteFuture());
    route_pool.WaitIdle(absl::InfiniteFuture());
  }
  // Answers are on their way; give them a moment before cutting connections.
  server.Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
}

}  // namespace

int RunServeCommand(const std::vector<std::string>& args) {
  absl::StatusOr<v1::SidecarConfig> config = SidecarConfigFromArgs(args);
  if (!config.ok()) {
    std::cerr << "error: " << config.status().message() << "\n"
              << "serve flags:\n" << ServeFlagsHelp();
    return 2;
  }
  absl::StatusOr<ServeSettings> settings = ResolveServeSettings(*config);
  if (!settings.ok()) {
    std::cerr << "error: " << settings.status().message() << "\n";
    return 2;
  }
  absl::StatusOr<std::unique_ptr<Authorizer>> authorizer =
      Authorizer::Create(settings->roles);
  if (!authorizer.ok()) {
    std::cerr << "error: " << authorizer.status().message() << "\n";
    return 2;
  }
  // The URL may hold a password: only the store's own (password-free) error
  // is printed.
  absl::StatusOr<std::unique_ptr<store::Store>> policy_store =
      store::OpenStore(settings->store_url);
  if (!policy_store.ok()) {
    std::cerr << "error: policy store: " << policy_store.status().message()
              << "\n";
    return 1;
  }
  PlanGovernance governance(policy_store->get(), authorizer->get());
  AdminServiceImpl admin_service(policy_store->get(), authorizer->get());
  const sigset_t stop_signals = BlockStopSignals();

  auto solve_pool =
      std::make_unique<SolvePool>(settings->solver_threads, settings->max_queued);
  auto route_pool = std::make_unique<SolvePool>(settings->route_threads, kRouteQueue);
  RequestLog log(settings->hmac_key, &std::cerr);
  PlannerServiceImpl service(settings->limits, settings->deadline_margin,
                             solve_pool.get(), route_pool.get(), &log);
  service.UseGovernance(&governance);
  PlanServiceImpl plan_service(service.shared(), policy_store->get(),
                               authorizer->get());
  // Set before serving (the health object needs the server, so it is hooked
  // in once the server exists).
  std::atomic<StoreHealth*> health_hook{nullptr};
  governance.OnAuditFailure([&health_hook] {
    if (StoreHealth* health = health_hook.load()) health->ReportAuditFailure();
  });

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  // gRPC sets SO_REUSEPORT by default, which let five sidecars bind one port
  // at once, each getting some of the calls (issue 10, finding 6).
  builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
  int port = 0;
  builder.AddListeningPort(settings->listen, Credentials(*settings), &port);
  builder.RegisterService(&service);
  builder.RegisterService(&admin_service);
  builder.RegisterService(&plan_service);
  builder.SetMaxReceiveMessageSize(static_cast<int>(settings->max_request_bytes));
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    std::cerr << "error: cannot serve on " << settings->listen
              << ": the address is in use or not this machine's\n";
    return 1;
  }
  server->GetHealthCheckService()->SetServingStatus(
      v1::PlannerService::service_full_name(), true);
  server->GetHealthCheckService()->SetServingStatus(
      v1::AdminService::service_full_name(), true);
  server->GetHealthCheckService()->SetServingStatus(
      v1::PlanService::service_full_name(), true);
  StoreHealth store_health(
      policy_store->get(), server->GetHealthCheckService(),
      {v1::PlannerService::service_full_name(),
       v1::AdminService::service_full_name(),
       v1::PlanService::service_full_name()});
  store_health.Start();
  health_hook = &store_health;
  // The port bound, which differs from the one asked for only with port 0.
  std::cerr << "callplan-sidecar: serving on " << WithPort(settings->listen, port)
            << " ("
            << (settings->tls_cert_pem.empty() ? "plaintext"
                : settings->client_ca_pem.empty() ? "TLS" : "mutual TLS")
            << ", " << settings->solver_threads << " solver threads, "
            << settings->max_queued << " queued; "
            << ((*authorizer)->open() ? "no roles: loopback callers only"
                                      : "roles from config")
            << ")" << std::endl;

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  std::cerr << "callplan-sidecar: signal " << signal_number << ", draining"
            << std::endl;
  health_hook = nullptr;
  store_health.Stop();
  Drain(*settings, service, *server, *solve_pool, *route_pool);
  // Pool threads may still be handing answers to gRPC: join them before the
  // server goes away.
  solve_pool.reset();
  route_pool.reset();
  server->Wait();
  std::cerr << "callplan-sidecar: stopped" << std::endl;
  return 0;
}

}  // namespace callplan
