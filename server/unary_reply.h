// What the callback services' unary methods share when they answer: finish
// the call with an absl::Status (mapped as status_mapping.h says), and turn
// a store's failure into what the caller can act on.
#ifndef CALLPLAN_SERVER_UNARY_REPLY_H_
#define CALLPLAN_SERVER_UNARY_REPLY_H_

#include <grpcpp/grpcpp.h>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace callplan {

// The context's default reactor, finished with `status`.
grpc::ServerUnaryReactor* FinishWith(grpc::CallbackServerContext* context,
                                     const absl::Status& status);

// The store's own answers (ABORTED, NOT_FOUND, INVALID_ARGUMENT,
// FAILED_PRECONDITION) pass as they are; anything else means the database
// is not there: UNAVAILABLE "`store`: message", which callers may retry.
absl::Status StoreError(const absl::Status& status, absl::string_view store);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_UNARY_REPLY_H_
