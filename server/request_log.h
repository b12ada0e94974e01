// One structured line per request on a stream (stderr in the sidecar), in
// logfmt so support can grep and parse it:
//   callplan.request method=PlanDay territory="north-3" reps=7 physicians=40
//     code=OK plan=OPTIMAL solve_seconds=0.41 gap=0 wall_seconds=0.43
//     unassigned=3f9a0c1d22e4b7a1,...
// Names are never written. Rep and physician ids appear only as the first 16
// hex digits of HMAC-SHA256(key, id), so logs can be shared with support:
// someone who holds the key can check whether a given id appears, nobody
// else can tell who was visited.
#ifndef CALLPLAN_SERVER_REQUEST_LOG_H_
#define CALLPLAN_SERVER_REQUEST_LOG_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"

namespace callplan {

struct RequestLogEntry {
  std::string method;            // PlanDay, PlanDayStream, Route
  std::string territory_id;      // not personal; written quoted
  int reps = 0;
  int physicians = 0;
  int places = 0;                // Route
  std::string code;              // gRPC code name, e.g. INVALID_ARGUMENT
  std::string plan_status;       // OPTIMAL/FEASIBLE/INFEASIBLE, "" if none
  double solve_seconds = -1;     // < 0: not solved
  double gap = -1;               // < 0: unknown
  double wall_seconds = 0;       // arrival to answer
  std::vector<std::string> rep_ids;        // hashed when written
  std::vector<std::string> physician_ids;  // hashed when written
};

class RequestLog {
 public:
  // An empty key draws a random one.
  RequestLog(std::string hmac_key, std::ostream* out);

  // First 16 hex digits of HMAC-SHA256(key, id).
  std::string HashId(absl::string_view id) const;

  // Writes the entry as one line; safe from any thread.
  void Write(const RequestLogEntry& entry);

 private:
  std::string key_;
  absl::Mutex mu_;
  std::ostream* out_ ABSL_GUARDED_BY(mu_);
};

// The gRPC code's canonical name, e.g. "RESOURCE_EXHAUSTED".
std::string GrpcCodeName(int code);

}  // namespace callplan

#endif  // CALLPLAN_SERVER_REQUEST_LOG_H_
