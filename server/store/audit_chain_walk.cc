#include "server/store/audit_chain_walk.h"

#include <utility>

#include "absl/strings/str_cat.h"

namespace callplan::store {
namespace {

// Enough of a hash to compare by eye in a message.
std::string Short(const std::string& sha256) {
  return sha256.size() > 16 ? absl::StrCat(sha256.substr(0, 16), "...")
                            : absl::StrCat("\"", sha256, "\"");
}

std::string RecordName(int64_t id) { return absl::StrCat("record ", id); }

}  // namespace

AuditChainCheck AuditChainWalk::Broken(int64_t id, AuditChainBreak problem,
                                       int64_t matched,
                                       std::string explanation) const {
  AuditChainCheck check;
  check.intact = false;
  check.records = matched;
  check.first_bad_id = id;
  check.problem = problem;
  check.explanation = std::move(explanation);
  return check;
}

std::optional<AuditChainCheck> AuditChainWalk::Add(const AuditEvent& record) {
  const std::string computed = AuditRecordSha256(record.prev_sha256, record);
  if (computed != record.sha256) {
    return Broken(record.id, AuditChainBreak::kContentChanged, records_,
                  absl::StrCat(RecordName(record.id), ": its content does not "
                               "match its hash (stored ", Short(record.sha256),
                               ", its content hashes to ", Short(computed),
                               "): it was changed after it was written"));
  }
  if (record.prev_sha256 != last_sha256_) return BadLink(record);
  before_last_name_ =
      records_ == 0 ? "the start of the chain" : RecordName(last_id_);
  before_last_sha256_ = last_sha256_;
  last_id_ = record.id;
  last_sha256_ = record.sha256;
  ++records_;
  return std::nullopt;
}

// The record is whole but does not point at the one before it.
std::optional<AuditChainCheck> AuditChainWalk::BadLink(
    const AuditEvent& record) const {
  const std::string name = RecordName(record.id);
  const std::string last =
      records_ == 0 ? "the start of the chain" : RecordName(last_id_);
  if (records_ > 0 && record.prev_sha256 == before_last_sha256_) {
    return Broken(last_id_, AuditChainBreak::kRecordInserted, records_ - 1,
                  absl::StrCat(last, " was inserted: ", name,
                               "'s prev hash points at ", before_last_name_,
                               ", which comes before it"));
  }
  if (record.id > last_id_ + 1) {
    const std::string jump =
        records_ == 0
            ? absl::StrCat("it is the first record left and its prev hash ",
                           Short(record.prev_sha256),
                           " is not the start of the chain")
            : absl::StrCat("the ids jump from ", last_id_, " to ", record.id,
                           " and its prev hash ", Short(record.prev_sha256),
                           " is not ", last, "'s hash ", Short(last_sha256_));
    return Broken(record.id, AuditChainBreak::kRecordMissing, records_,
                  absl::StrCat("a record is missing before ", name, ": ", jump));
  }
  if (records_ == 0) {
    return Broken(record.id, AuditChainBreak::kRecordInserted, 0,
                  absl::StrCat(name, " does not start the chain: its prev hash ",
                               Short(record.prev_sha256),
                               " points at no earlier record"));
  }
  return Broken(last_id_, AuditChainBreak::kContentChanged, records_ - 1,
                absl::StrCat(last, " was changed and re-hashed (or replaced): ",
                             name, ", itself intact, holds prev hash ",
                             Short(record.prev_sha256), ", not ", last,
                             "'s hash ", Short(last_sha256_)));
}

AuditChainCheck AuditChainWalk::Finish(
    int64_t head_id, const std::string& head_sha256,
    std::optional<int64_t> first_id_after_head) const {
  const std::string last =
      records_ == 0 ? "the start of the chain" : RecordName(last_id_);
  if (first_id_after_head && *first_id_after_head <= last_id_) {
    // Only a head moved back by hand gets here: the walk passed it.
    return Broken(*first_id_after_head, AuditChainBreak::kRecordInserted,
                  records_,
                  absl::StrCat(RecordName(*first_id_after_head), " comes after "
                               "record ", head_id, ", where the chain head "
                               "says the trail ends"));
  }
  if (last_id_ != head_id) {
    return Broken(last_id_ + 1, AuditChainBreak::kRecordMissing, records_,
                  absl::StrCat("the records after ", last, " are missing: the "
                               "chain head says the trail ends at record ",
                               head_id));
  }
  if (head_sha256 != last_sha256_) {
    if (records_ == 0) {
      return Broken(1, AuditChainBreak::kRecordMissing, 0,
                    absl::StrCat("the trail is empty but the chain head holds "
                                 "hash ", Short(head_sha256)));
    }
    return Broken(last_id_, AuditChainBreak::kContentChanged, records_ - 1,
                  absl::StrCat(last, " was changed and re-hashed: the chain "
                               "head recorded hash ", Short(head_sha256),
                               " for it, it now has ", Short(last_sha256_)));
  }
  if (first_id_after_head) {
    return Broken(*first_id_after_head, AuditChainBreak::kRecordInserted,
                  records_,
                  absl::StrCat(RecordName(*first_id_after_head),
                               " was inserted: it comes after ", last,
                               ", the last one the store appended (the chain "
                               "head)"));
  }
  AuditChainCheck intact;
  intact.records = records_;
  intact.last_id = last_id_;
  intact.last_sha256 = last_sha256_;
  return intact;
}

}  // namespace callplan::store
