// absl::Status to grpc::Status: codes carried over, field violations as a
// google.rpc.BadRequest in the details.
#include "server/status_mapping.h"

#include "gtest/gtest.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace callplan {
namespace {

TEST(StatusMapping, ViolationsBecomeABadRequestDetail) {
  const absl::Status status = ViolationsToStatus(
      {{"reps[0].id", "must not be empty"}, {"date", "must be YYYY-MM-DD"}});
  const grpc::Status mapped = ToGrpcStatus(status);
  EXPECT_EQ(mapped.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(mapped.error_message(), std::string(status.message()));

  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(mapped.error_details()));
  EXPECT_EQ(details.code(), grpc::StatusCode::INVALID_ARGUMENT);
  ASSERT_EQ(details.details_size(), 1);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(details.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(0).field(), "reps[0].id");
  EXPECT_EQ(bad_request.field_violations(1).description(), "must be YYYY-MM-DD");

  const auto back = BadRequestViolations(mapped);
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].field, "date");
}

TEST(StatusMapping, OtherErrorsKeepTheirCodeWithoutDetails) {
  const grpc::Status deadline =
      ToGrpcStatus(absl::DeadlineExceededError("no plan in time"));
  EXPECT_EQ(deadline.error_code(), grpc::StatusCode::DEADLINE_EXCEEDED);
  EXPECT_EQ(deadline.error_message(), "no plan in time");
  EXPECT_TRUE(deadline.error_details().empty());
  EXPECT_EQ(ToGrpcStatus(absl::ResourceExhaustedError("full")).error_code(),
            grpc::StatusCode::RESOURCE_EXHAUSTED);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
  EXPECT_TRUE(BadRequestViolations(deadline).empty());
}

}  // namespace
}  // namespace callplan
