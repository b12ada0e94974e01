// Version 1 of the store's schema exactly as it shipped (server/store/
// sqlite_store.cc and postgres_store.cc, step 1), to build a database that
// an older sidecar left behind and check what later migrations do to it.
// Shipped steps never change, so neither does this copy.
#ifndef CALLPLAN_TESTS_SERVER_STORE_SCHEMA_V1_H_
#define CALLPLAN_TESTS_SERVER_STORE_SCHEMA_V1_H_

namespace callplan::store {

inline constexpr char kSqliteSchemaV1[] = R"sql(
CREATE TABLE policies (
  team_id TEXT PRIMARY KEY NOT NULL,
  max_workload_spread INTEGER,
  max_potential_spread REAL,
  max_route_distance REAL,
  distance_safety_factor REAL NOT NULL,
  max_visits_per_rep INTEGER,
  version INTEGER NOT NULL CHECK (version > 0),
  updated_by TEXT NOT NULL,
  updated_at_micros INTEGER NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE audit_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED')),
  event_time_micros INTEGER NOT NULL,
  actor TEXT NOT NULL,
  team_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  policy_version INTEGER NOT NULL,
  status TEXT NOT NULL,
  objective REAL NOT NULL,
  counts TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (event_time_micros);
CREATE INDEX audit_events_by_team ON audit_events (team_id, id);
CREATE TRIGGER audit_events_refuse_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: UPDATE refused'); END;
CREATE TRIGGER audit_events_refuse_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit events are append-only: DELETE refused'); END;
)sql";

inline constexpr char kPostgresSchemaV1[] = R"sql(
CREATE TABLE policies (
  team_id TEXT PRIMARY KEY,
  max_workload_spread BIGINT,
  max_potential_spread DOUBLE PRECISION,
  max_route_distance DOUBLE PRECISION,
  distance_safety_factor DOUBLE PRECISION NOT NULL,
  max_visits_per_rep BIGINT,
  version BIGINT NOT NULL CHECK (version > 0),
  updated_by TEXT NOT NULL,
  updated_at_micros BIGINT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE audit_events (
  id BIGSERIAL PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('PLAN_DAY', 'POLICY_CHANGE', 'DENIED')),
  event_time_micros BIGINT NOT NULL,
  actor TEXT NOT NULL,
  team_id TEXT NOT NULL,
  territory_id TEXT NOT NULL,
  request_digest TEXT NOT NULL,
  policy_version BIGINT NOT NULL,
  status TEXT NOT NULL,
  objective DOUBLE PRECISION NOT NULL,
  counts TEXT NOT NULL,
  old_value TEXT NOT NULL,
  new_value TEXT NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (event_time_micros);
CREATE INDEX audit_events_by_team ON audit_events (team_id, id);
CREATE FUNCTION callplan_refuse_audit_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER audit_events_refuse_change BEFORE UPDATE OR DELETE
  ON audit_events FOR EACH ROW EXECUTE FUNCTION callplan_refuse_audit_change();
CREATE TRIGGER audit_events_refuse_truncate BEFORE TRUNCATE
  ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION callplan_refuse_audit_change();
)sql";

}  // namespace callplan::store

#endif  // CALLPLAN_TESTS_SERVER_STORE_SCHEMA_V1_H_
