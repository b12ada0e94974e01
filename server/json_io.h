// Reading requests from and writing responses to proto3 JSON files, for the
// one-shot subcommands. Unknown fields are an error, not silently dropped.
#ifndef CALLPLAN_SERVER_JSON_IO_H_
#define CALLPLAN_SERVER_JSON_IO_H_

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace callplan {

// `path` "-" reads standard input.
absl::StatusOr<std::string> ReadFileOrStdin(const std::string& path);

absl::Status ParseJson(const std::string& json, google::protobuf::Message* out);

std::string ToJson(const google::protobuf::Message& message);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_JSON_IO_H_
