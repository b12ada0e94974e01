#include "server/sidecar_config.h"

#include <algorithm>

#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <thread>

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"

namespace callplan {
namespace {

class CollectErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectErrors(std::string source) : source_(std::move(source)) {}
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    errors_.push_back(absl::StrCat(source_, ":", line + 1, ":", column + 1,
                                   ": ", message));
  }
  void AddWarning(int line, google::protobuf::io::ColumnNumber column,
                  const std::string& message) override {
    AddError(line, column, message);
  }
  std::string Joined() const { return absl::StrJoin(errors_, "; "); }

 private:
  std::string source_;
  std::vector<std::string> errors_;
};

absl::StatusOr<std::string> ReadWholeFile(const std::string& path,
                                          const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat(what, ": cannot read ", path));
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

absl::Status ParseCount(const std::string& flag, const std::string& value,
                        uint32_t* out) {
  if (!absl::SimpleAtoi(value, out)) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": expected a whole number >= 0, got \"", value, "\""));
  }
  return absl::OkStatus();
}

absl::Status ParseSeconds(const std::string& flag, const std::string& value,
                          double* out) {
  if (!absl::SimpleAtod(value, out) || !(*out >= 0)) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, ": expected seconds >= 0, got \"", value, "\""));
  }
  return absl::OkStatus();
}

using Setter =
    std::function<absl::Status(const std::string&, v1::SidecarConfig*)>;

// Every flag that takes a value, and the config field it overrides.
const std::map<std::string, Setter>& ValueFlags() {
  static const auto* flags = new std::map<std::string, Setter>{
      {"--listen", [](const std::string& v, v1::SidecarConfig* c) {
         c->set_listen(v);
         return absl::OkStatus();
       }},
      {"--tls-cert", [](const std::string& v, v1::SidecarConfig* c) {
         c->mutable_tls()->set_cert_file(v);
         return absl::OkStatus();
       }},
      {"--tls-key", [](const std::string& v, v1::SidecarConfig* c) {
         c->mutable_tls()->set_key_file(v);
         return absl::OkStatus();
       }},
      {"--client-ca", [](const std::string& v, v1::SidecarConfig* c) {
         c->mutable_tls()->set_client_ca_file(v);
         return absl::OkStatus();
       }},
      {"--hmac-key-file", [](const std::string& v, v1::SidecarConfig* c) {
         c->mutable_log()->clear_hmac_key();
         c->mutable_log()->set_hmac_key_file(v);
         return absl::OkStatus();
       }},
      {"--solver-threads", [](const std::string& v, v1::SidecarConfig* c) {
         uint32_t n;
         absl::Status s = ParseCount("--solver-threads", v, &n);
         c->set_solver_threads(n);
         return s;
       }},
      {"--max-queued", [](const std::string& v, v1::SidecarConfig* c) {
         uint32_t n;
         absl::Status s = ParseCount("--max-queued", v, &n);
         c->set_max_queued(n);
         return s;
       }},
      {"--route-threads", [](const std::string& v, v1::SidecarConfig* c) {
         uint32_t n;
         absl::Status s = ParseCount("--route-threads", v, &n);
         c->set_route_threads(n);
         return s;
       }},
      {"--max-request-bytes", [](const std::string& v, v1::SidecarConfig* c) {
         uint64_t n;
         if (!absl::SimpleAtoi(v, &n)) {
           return absl::InvalidArgumentError(absl::StrCat(
               "--max-request-bytes: expected a whole number, got \"", v, "\""));
         }
         c->mutable_limits()->set_max_request_bytes(n);
         return absl::OkStatus();
       }},
      {"--drain-grace-seconds", [](const std::string& v, v1::SidecarConfig* c) {
         double s;
         absl::Status ok = ParseSeconds("--drain-grace-seconds", v, &s);
         c->set_drain_grace_seconds(s);
         return ok;
       }},
      {"--store-url", [](const std::string& v, v1::SidecarConfig* c) {
         c->set_store_url(v);
         return absl::OkStatus();
       }},
      {"--deadline-margin-seconds",
       [](const std::string& v, v1::SidecarConfig* c) {
         double s;
         absl::Status ok = ParseSeconds("--deadline-margin-seconds", v, &s);
         c->set_deadline_margin_seconds(s);
         return ok;
       }},
  };
  return *flags;
}

}  // namespace

const char* ServeFlagsHelp() {
  return "  --config FILE               SidecarConfig text proto "
         "(default config/sidecar.textproto)\n"
         "  --listen HOST:PORT          default 127.0.0.1:50051\n"
         "  --tls-cert FILE --tls-key FILE   serve TLS\n"
         "  --client-ca FILE            require client certificates it signed\n"
         "  --allow-plaintext-non-loopback\n"
         "  --solver-threads N          solves at once (0 = cores)\n"
         "  --max-queued N              solves waiting; beyond: "
         "RESOURCE_EXHAUSTED\n"
         "  --route-threads N           Route threads (0 = 2)\n"
         "  --max-request-bytes N       larger requests: RESOURCE_EXHAUSTED\n"
         "  --hmac-key-file FILE        key for ids in the request log\n"
         "  --drain-grace-seconds S     after SIGTERM (0 = 30)\n"
         "  --deadline-margin-seconds S kept before the caller's deadline\n"
         "  --store-url URL             sqlite:PATH or postgresql://... "
         "(default sqlite:callplan.db)\n";
}

absl::StatusOr<v1::SidecarConfig> ParseSidecarConfig(const std::string& text,
                                                     const std::string& source) {
  v1::SidecarConfig config;
  google::protobuf::TextFormat::Parser parser;
  CollectErrors errors(source);
  parser.RecordErrorsTo(&errors);
  parser.AllowUnknownField(false);
  if (!parser.ParseFromString(text, &config)) {
    return absl::InvalidArgumentError(errors.Joined());
  }
  return config;
}

absl::StatusOr<v1::SidecarConfig> SidecarConfigFromArgs(
    const std::vector<std::string>& args) {
  // Split --flag=value first so that both spellings share one loop.
  std::vector<std::string> words;
  for (const std::string& arg : args) {
    const size_t eq = arg.find('=');
    if (absl::StartsWith(arg, "--") && eq != std::string::npos) {
      words.push_back(arg.substr(0, eq));
      words.push_back(arg.substr(eq + 1));
    } else {
      words.push_back(arg);
    }
  }
  std::string config_path;
  bool explicit_config = false;
  for (size_t k = 0; k + 1 < words.size(); ++k) {
    if (words[k] == "--config") {
      config_path = words[k + 1];
      explicit_config = true;
    }
  }
  v1::SidecarConfig config;
  if (!explicit_config) config_path = kDefaultSidecarConfigPath;
  if (explicit_config || std::ifstream(config_path).good()) {
    absl::StatusOr<std::string> text = ReadWholeFile(config_path, "--config");
    if (!text.ok()) return text.status();
    absl::StatusOr<v1::SidecarConfig> parsed =
        ParseSidecarConfig(*text, config_path);
    if (!parsed.ok()) return parsed.status();
    config = *std::move(parsed);
  }
  for (size_t k = 0; k < words.size(); ++k) {
    const std::string& flag = words[k];
    if (flag == "--config") {
      ++k;
      continue;
    }
    if (flag == "--allow-plaintext-non-loopback") {
      config.mutable_tls()->set_allow_plaintext_non_loopback(true);
      continue;
    }
    auto it = ValueFlags().find(flag);
    if (it == ValueFlags().end()) {
      return absl::InvalidArgumentError(
          absl::StrCat("unknown argument \"", flag, "\""));
    }
    if (k + 1 >= words.size()) {
      return absl::InvalidArgumentError(absl::StrCat(flag, " needs a value"));
    }
    absl::Status set = it->second(words[++k], &config);
    if (!set.ok()) return set;
  }
  return config;
}

bool IsLoopbackListenAddress(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  absl::string_view view(listen);
  view = view.substr(0, colon == std::string::npos ? view.size() : colon);
  if (absl::ConsumePrefix(&view, "[")) absl::ConsumeSuffix(&view, "]");
  const std::string host = absl::AsciiStrToLower(view);
  return host == "localhost" || host == "::1" || absl::StartsWith(host, "127.");
}

absl::StatusOr<ListenAddress> ParseListenAddress(const std::string& listen) {
  const auto bad = [&listen](const std::string& why) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen: \"", listen, "\" ", why, " (expected HOST:PORT, e.g. "
        "127.0.0.1:50051 or [::1]:50051)"));
  };
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad("is not HOST:PORT");
  ListenAddress address;
  address.host = listen.substr(0, colon);
  if (address.host.front() == '[' && address.host.back() != ']') {
    return bad("has an unclosed [");
  }
  if (address.host.front() != '[' &&
      address.host.find(':') != std::string::npos) {
    return bad("has an IPv6 host without [brackets]");
  }
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(port, &address.port) || address.port > 65535) {
    return bad(absl::StrCat("has port \"", port, "\"; ports are 0..65535"));
  }
  return address;
}

std::string WithPort(const std::string& listen, int port) {
  return absl::StrCat(listen.substr(0, listen.rfind(':')), ":", port);
}

absl::StatusOr<ServeSettings> ResolveServeSettings(
    const v1::SidecarConfig& config) {
  ServeSettings s;
  s.listen = config.listen().empty() ? "127.0.0.1:50051" : config.listen();
  if (absl::StatusOr<ListenAddress> address = ParseListenAddress(s.listen);
      !address.ok()) {
    return address.status();
  }
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  s.solver_threads = config.solver_threads() ? config.solver_threads() : cores;
  s.max_queued = config.has_max_queued() ? config.max_queued()
                                         : 2 * s.solver_threads;
  s.route_threads = config.route_threads() ? config.route_threads() : 2;
  const v1::SidecarLimits& l = config.limits();
  s.max_request_bytes =
      l.max_request_bytes() ? l.max_request_bytes() : 16 * 1024 * 1024;
  if (s.max_request_bytes > INT32_MAX) s.max_request_bytes = INT32_MAX;
  if (l.max_reps()) s.limits.max_reps = l.max_reps();
  if (l.max_physicians()) s.limits.max_physicians = l.max_physicians();
  if (l.max_route_places()) s.limits.max_route_places = l.max_route_places();
  if (l.max_districts()) s.limits.max_districts = l.max_districts();
  if (l.max_cycle_days()) s.limits.max_cycle_days = l.max_cycle_days();
  if (l.max_time_limit_seconds() > 0) {
    s.limits.max_time_limit_seconds = l.max_time_limit_seconds();
  }
  s.drain_grace = absl::Seconds(
      config.drain_grace_seconds() > 0 ? config.drain_grace_seconds() : 30);
  s.deadline_margin = absl::Seconds(config.deadline_margin_seconds() > 0
                                        ? config.deadline_margin_seconds()
                                        : 0.5);

  s.store_url =
      config.store_url().empty() ? "sqlite:callplan.db" : config.store_url();
  s.roles.assign(config.roles().begin(), config.roles().end());

  const v1::SidecarTls& tls = config.tls();
  if (tls.cert_file().empty() != tls.key_file().empty()) {
    return absl::InvalidArgumentError(
        "tls.cert_file and tls.key_file (--tls-cert, --tls-key) go together");
  }
  if (!tls.client_ca_file().empty() && tls.cert_file().empty()) {
    return absl::InvalidArgumentError(
        "tls.client_ca_file (--client-ca) needs tls.cert_file and tls.key_file");
  }
  if (!tls.cert_file().empty()) {
    absl::StatusOr<std::string> cert = ReadWholeFile(tls.cert_file(), "tls.cert_file");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = ReadWholeFile(tls.key_file(), "tls.key_file");
    if (!key.ok()) return key.status();
    s.tls_cert_pem = *cert;
    s.tls_key_pem = *key;
  }
  if (!tls.client_ca_file().empty()) {
    absl::StatusOr<std::string> ca =
        ReadWholeFile(tls.client_ca_file(), "tls.client_ca_file");
    if (!ca.ok()) return ca.status();
    s.client_ca_pem = *ca;
  }
  if (s.tls_cert_pem.empty() && !tls.allow_plaintext_non_loopback() &&
      !IsLoopbackListenAddress(s.listen)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "listen: ", s.listen, " is not a loopback address; configure TLS "
        "(--tls-cert, --tls-key) or set tls.allow_plaintext_non_loopback"));
  }

  const v1::SidecarLog& log = config.log();
  if (!log.hmac_key().empty() && !log.hmac_key_file().empty()) {
    return absl::InvalidArgumentError(
        "log: give hmac_key or hmac_key_file, not both");
  }
  s.hmac_key = log.hmac_key();
  if (!log.hmac_key_file().empty()) {
    absl::StatusOr<std::string> key =
        ReadWholeFile(log.hmac_key_file(), "log.hmac_key_file");
    if (!key.ok()) return key.status();
    s.hmac_key = std::string(absl::StripTrailingAsciiWhitespace(*key));
  }
  return s;
}

}  // namespace callplan
