#include "server/unary_reply.h"

#include "absl/strings/str_cat.h"
#include "server/status_mapping.h"

namespace callplan {

grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(ToGrpcStatus(status));
  return reactor;
}

absl::Status StoreError(const absl::Status& status, absl::string_view store) {
  if (absl::IsAborted(status) || absl::IsNotFound(status) ||
      absl::IsInvalidArgument(status) || absl::IsFailedPrecondition(status)) {
    return status;
  }
  return absl::UnavailableError(absl::StrCat(store, ": ", status.message()));
}

}  // namespace callplan
