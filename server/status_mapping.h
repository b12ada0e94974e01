// absl::Status (what the planning path returns) to grpc::Status (what callers
// see). The code is carried over one for one; InvalidArgument with field
// violations (server/validate.h) also carries a google.rpc.Status holding a
// google.rpc.BadRequest with one FieldViolation per problem (the first ones,
// up to kMaxDetailViolationBytes), in the grpc-status-details-bin trailer,
// so stock clients can show which field is wrong without parsing the
// message.
#ifndef CALLPLAN_SERVER_STATUS_MAPPING_H_
#define CALLPLAN_SERVER_STATUS_MAPPING_H_

#include <vector>

#include <grpcpp/support/status.h>

#include "absl/status/status.h"
#include "server/validate.h"

namespace callplan {

inline constexpr size_t kMaxDetailViolationBytes = 1500;

grpc::Status ToGrpcStatus(const absl::Status& status);

// The field violations in a grpc::Status's BadRequest detail (empty when
// there is none). For clients and tests.
std::vector<FieldViolation> BadRequestViolations(const grpc::Status& status);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_STATUS_MAPPING_H_
