// Checks an audit trail's hash chain (server/store/audit_hash.h) one record
// at a time, in id order, without holding more than the last two hashes, and
// words the first break it finds. Storage-free: SqlStore feeds it pages and
// then the chain head (the last id and hash the store itself recorded).
//
// How a break is told apart, for record R after P (and P after PP):
//  - R's stored sha256 is not the hash of its content: R's content changed.
//  - R's prev hash is PP's hash: P was inserted between PP and R.
//  - R's prev hash is not P's and the ids jump from P to R: a record is
//    missing before R.
//  - R's prev hash is not P's, ids follow each other: P was changed and
//    re-hashed (or replaced), since R, intact itself, points elsewhere.
//  - Past the last record: records beyond the chain head were inserted; a
//    chain head beyond the last record means the last records are missing;
//    a head hash other than the last record's means it was re-hashed.
// Id gaps whose hashes still link (rows rolled back before the chain
// existed) are not breaks: the chain is what is checked.
#ifndef CALLPLAN_SERVER_STORE_AUDIT_CHAIN_WALK_H_
#define CALLPLAN_SERVER_STORE_AUDIT_CHAIN_WALK_H_

#include <cstdint>
#include <optional>
#include <string>

#include "server/store/audit_hash.h"
#include "server/store/store.h"

namespace callplan::store {

class AuditChainWalk {
 public:
  // The next record in id order; the first break, once found (stop then).
  std::optional<AuditChainCheck> Add(const AuditEvent& record);

  // After every record up to the chain head's: the head's last id and hash,
  // and the smallest stored id above the head's (nullopt if none), read in
  // one snapshot. Intact, or the break.
  AuditChainCheck Finish(int64_t head_id, const std::string& head_sha256,
                         std::optional<int64_t> first_id_after_head) const;

  int64_t last_id() const { return last_id_; }

 private:
  AuditChainCheck Broken(int64_t id, AuditChainBreak problem,
                         int64_t matched, std::string explanation) const;
  std::optional<AuditChainCheck> BadLink(const AuditEvent& record) const;

  int64_t records_ = 0;
  // The last record accepted ("the start of the chain" before the first).
  int64_t last_id_ = 0;
  std::string last_sha256_ = kGenesisSha256;
  // The one accepted before it, for telling an inserted record.
  std::string before_last_name_;
  std::string before_last_sha256_;
};

}  // namespace callplan::store

#endif  // CALLPLAN_SERVER_STORE_AUDIT_CHAIN_WALK_H_
