-- Durable Workbench task hub on PostgreSQL, schema version 1: the tables of the SQLite hub
-- (resources/schema/001..004) in one schema per hub, plus worker sessions and work leases.
-- Runs with search_path set to the hub's schema, under the hub's advisory lock.
-- Times are milliseconds since the Unix epoch (UTC). Payloads are text, never jsonb: jsonb would
-- reorder keys and change spacing, and payloads must come back byte for byte. Ids compare in
-- code-point order (COLLATE "C"), as the id-prefix range and the continuation tokens assume.

-- The database server's clock: worker sessions expire by it alone, so worker clocks never matter.
CREATE FUNCTION now_ms() RETURNS bigint LANGUAGE sql VOLATILE AS
$$ SELECT (extract(epoch FROM clock_timestamp()) * 1000)::bigint $$;
-- SQLite's instr(), which the instance query's "id contains" filter uses.
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS
$$ SELECT strpos(haystack, needle) $$;

CREATE TABLE hub (
    key text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE instances (
    instance_id text COLLATE "C" PRIMARY KEY,
    name text COLLATE "C" NOT NULL,
    version text NOT NULL DEFAULT '',
    execution_id text NOT NULL,
    status integer NOT NULL,
    input text,
    output text,
    custom_status text COLLATE "C",
    failure text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    completed_at bigint,
    parent_instance_id text COLLATE "C",
    parent_task_id integer NOT NULL DEFAULT -1,
    waiting text,
    awaits_event integer NOT NULL DEFAULT 0,
    history_length bigint NOT NULL DEFAULT 0,
    -- The worker session that ran the last episode and holds its cached run: while that session
    -- lives, other workers leave the instance to it (their results go to its inbox), so a fan-in
    -- is not replayed by every worker whose cache another one made stale.
    home_id text
);
CREATE INDEX instances_created ON instances (created_at, instance_id);
CREATE INDEX instances_updated ON instances (updated_at, instance_id);
CREATE INDEX instances_name ON instances (name, instance_id);
CREATE INDEX instances_status ON instances (status, instance_id);
CREATE INDEX instances_parent ON instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
CREATE INDEX instances_awaiting ON instances (awaits_event) WHERE awaits_event = 1;

CREATE TABLE history (
    instance_id text COLLATE "C" NOT NULL,
    execution_id text COLLATE "C" NOT NULL,
    sequence bigint NOT NULL,
    event_type integer NOT NULL,
    event_id integer NOT NULL,
    task_id integer NOT NULL,
    name text,
    data text,
    timestamp bigint NOT NULL,
    PRIMARY KEY (instance_id, execution_id, sequence)
);

-- Messages not yet applied; durable timers are rows with a future visible_at. The claim reads
-- due messages by (visible_at, instance_id).
CREATE TABLE inbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text COLLATE "C" NOT NULL,
    execution_id text,
    event_type integer NOT NULL,
    task_id integer NOT NULL DEFAULT -1,
    name text,
    data text,
    visible_at bigint NOT NULL,
    created_at bigint NOT NULL
) WITH (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 200,
        autovacuum_analyze_scale_factor = 0.05);
CREATE INDEX inbox_visible ON inbox (visible_at, instance_id);
CREATE INDEX inbox_instance ON inbox (instance_id, id);

-- Activity invocations until their result is checkpointed. owner_id: the worker session that runs
-- the row (NULL: free for any worker); attempt: how many times a worker took it.
CREATE TABLE work (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text COLLATE "C" NOT NULL,
    execution_id text NOT NULL,
    task_id integer NOT NULL,
    name text NOT NULL,
    input text,
    created_at bigint NOT NULL,
    owner_id text,
    attempt integer NOT NULL DEFAULT 0
) WITH (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 200,
        autovacuum_analyze_scale_factor = 0.05);
CREATE INDEX work_instance ON work (instance_id);
CREATE INDEX work_free ON work (id) WHERE owner_id IS NULL;
CREATE INDEX work_owner ON work (owner_id) WHERE owner_id IS NOT NULL;

CREATE TABLE logs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id text COLLATE "C" NOT NULL,
    execution_id text NOT NULL,
    history_sequence bigint NOT NULL,
    timestamp bigint NOT NULL,
    level integer NOT NULL,
    source text NOT NULL,
    task_id integer NOT NULL,
    replaying integer NOT NULL,
    message text NOT NULL
);
CREATE INDEX logs_instance ON logs (instance_id, id);

-- One row per live worker process session, renewed on the database clock.
CREATE TABLE workers (
    worker_id text PRIMARY KEY,
    host text NOT NULL,
    pid bigint NOT NULL,
    started_at bigint NOT NULL,
    renewed_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    activities_done bigint NOT NULL DEFAULT 0,
    episodes_done bigint NOT NULL DEFAULT 0
);

CREATE TABLE script_versions (
    file_name text NOT NULL,
    version integer NOT NULL,
    code text NOT NULL,
    sha256 text NOT NULL,
    created_at bigint NOT NULL,
    orchestrators text NOT NULL,
    activities text NOT NULL,
    PRIMARY KEY (file_name, version)
);
