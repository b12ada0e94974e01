#include "server/status_mapping.h"

#include <string>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace callplan {

grpc::Status ToGrpcStatus(const absl::Status& status) {
  if (status.ok()) return grpc::Status::OK;
  // absl and gRPC share the canonical code numbering.
  const auto code = static_cast<grpc::StatusCode>(status.code());
  const std::string message(status.message());
  const std::vector<FieldViolation> violations = ViolationsFromStatus(status);
  if (violations.empty()) return grpc::Status(code, message);

  // As many violations as fit in kMaxDetailViolationBytes, in order; the
  // message says how many there are in all. Message and details together
  // stay well within gRPC's default 8 KB of metadata (the details travel
  // base64-encoded), so every stock client sees INVALID_ARGUMENT.
  google::rpc::BadRequest bad_request;
  for (const FieldViolation& v : violations) {
    google::rpc::BadRequest::FieldViolation* out =
        bad_request.add_field_violations();
    out->set_field(v.field);
    out->set_description(v.description);
    if (bad_request.ByteSizeLong() > kMaxDetailViolationBytes) {
      bad_request.mutable_field_violations()->RemoveLast();
      break;
    }
  }
  google::rpc::Status details;
  details.set_code(static_cast<int>(code));
  details.set_message(message);
  details.add_details()->PackFrom(bad_request);
  return grpc::Status(code, message, details.SerializeAsString());
}

std::vector<FieldViolation> BadRequestViolations(const grpc::Status& status) {
  std::vector<FieldViolation> out;
  google::rpc::Status details;
  if (status.error_details().empty() ||
      !details.ParseFromString(status.error_details())) {
    return out;
  }
  for (const google::protobuf::Any& any : details.details()) {
    google::rpc::BadRequest bad_request;
    if (!any.UnpackTo(&bad_request)) continue;
    for (const auto& v : bad_request.field_violations()) {
      out.push_back({v.field(), v.description()});
    }
  }
  return out;
}

}  // namespace callplan
