-- PerfAspire schema script, generated from the declarative spec by PerfAspire.Schema (do not edit).
-- generator 2, schema perf, mode timescaledb, groups 43, metrics 298
SET LOCAL client_min_messages = warning;

CREATE SCHEMA IF NOT EXISTS perf;

-- One row per applied migration; the newest row's script hash decides whether a migration is needed.
CREATE TABLE IF NOT EXISTS perf.schema_version (
  version INTEGER PRIMARY KEY,
  generator_version INTEGER NOT NULL,
  script_sha256 TEXT NOT NULL,
  timescale BOOLEAN NOT NULL,
  group_count INTEGER NOT NULL,
  metric_count INTEGER NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  applied_by TEXT NOT NULL DEFAULT current_user
);

-- What the database can do (read by system_health): extension version or NULL, compression on/off.
CREATE TABLE IF NOT EXISTS perf.database_capabilities (
  id BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
  timescale_version TEXT,
  timescale_schema TEXT,
  compression_enabled BOOLEAN NOT NULL,
  time_bucket_source TEXT NOT NULL,
  timescale_detail TEXT,
  roles_detail TEXT,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

DO $do$
DECLARE
  ext_schema name;
BEGIN
  SELECT n.nspname INTO ext_schema
  FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
  WHERE e.extname = 'timescaledb';
  PERFORM pg_catalog.set_config('search_path', pg_catalog.format('%I, pg_catalog', ext_schema), true);
  IF ext_schema <> 'perf' THEN
    EXECUTE pg_catalog.format(
      'CREATE OR REPLACE FUNCTION %I.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
      'perf', pg_catalog.format('SELECT %I.time_bucket(bucket_width, ts)', ext_schema));
    EXECUTE pg_catalog.format(
      'CREATE OR REPLACE FUNCTION %I.time_bucket(bucket_width INTERVAL, ts TIMESTAMPTZ, origin TIMESTAMPTZ) RETURNS TIMESTAMPTZ LANGUAGE sql IMMUTABLE PARALLEL SAFE AS %L',
      'perf', pg_catalog.format('SELECT %I.time_bucket(bucket_width, ts, origin)', ext_schema));
  END IF;
END
$do$;

-- Bundle lifecycle
CREATE TABLE IF NOT EXISTS perf.bundles (
  bundle_id TEXT PRIMARY KEY,
  bundle_hash TEXT NOT NULL,
  source_path TEXT NOT NULL,
  sptid TEXT,
  host TEXT NOT NULL,
  host_id TEXT,
  ptop_version TEXT,
  sample_interval_seconds INTEGER,
  categories TEXT[] NOT NULL DEFAULT '{}',
  state TEXT NOT NULL,
  active BOOLEAN NOT NULL DEFAULT false,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  loaded_at TIMESTAMPTZ,
  time_start TIMESTAMPTZ,
  time_end TIMESTAMPTZ,
  rows_total BIGINT NOT NULL DEFAULT 0,
  values_total BIGINT NOT NULL DEFAULT 0,
  logs_processed INTEGER NOT NULL DEFAULT 0,
  summary JSONB,
  error TEXT
);
CREATE INDEX IF NOT EXISTS bundles_hash_idx ON perf.bundles (bundle_hash);
CREATE UNIQUE INDEX IF NOT EXISTS bundles_one_active_idx ON perf.bundles (active) WHERE active;

CREATE TABLE IF NOT EXISTS perf.bundle_files (
  bundle_id TEXT NOT NULL REFERENCES perf.bundles (bundle_id) ON DELETE CASCADE,
  member_path TEXT NOT NULL,
  file_name TEXT NOT NULL,
  file_ts TIMESTAMPTZ,
  size_bytes BIGINT,
  sha256 TEXT,
  categories TEXT[] NOT NULL DEFAULT '{}',
  lines_read BIGINT NOT NULL DEFAULT 0,
  rows_written BIGINT NOT NULL DEFAULT 0,
  malformed_lines BIGINT NOT NULL DEFAULT 0,
  stats JSONB,
  PRIMARY KEY (bundle_id, member_path)
);

CREATE TABLE IF NOT EXISTS perf.ingest_runs (
  run_id BIGSERIAL PRIMARY KEY,
  bundle_id TEXT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  finished_at TIMESTAMPTZ,
  state TEXT NOT NULL,
  categories TEXT[] NOT NULL DEFAULT '{}',
  progress JSONB,
  summary JSONB,
  error TEXT
);
CREATE INDEX IF NOT EXISTS ingest_runs_bundle_idx ON perf.ingest_runs (bundle_id, started_at DESC);

-- Added by ingestion (additive, idempotent): what a bundle was made from and which job ran a load.
ALTER TABLE perf.bundles ADD COLUMN IF NOT EXISTS source_kind TEXT;
ALTER TABLE perf.bundles ADD COLUMN IF NOT EXISTS max_files INTEGER;
ALTER TABLE perf.bundles ADD COLUMN IF NOT EXISTS ptop_args TEXT;
ALTER TABLE perf.bundles ADD COLUMN IF NOT EXISTS updated_at TIMESTAMPTZ;
CREATE INDEX IF NOT EXISTS bundles_loaded_at_idx ON perf.bundles (loaded_at);
ALTER TABLE perf.ingest_runs ADD COLUMN IF NOT EXISTS job_id TEXT;
CREATE INDEX IF NOT EXISTS ingest_runs_job_idx ON perf.ingest_runs (job_id);

-- Series rollup
CREATE TABLE IF NOT EXISTS perf.bundle_series (
  bundle_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  metric TEXT NOT NULL,
  sptid TEXT,
  host TEXT NOT NULL,
  labels JSONB NOT NULL,
  samples BIGINT NOT NULL,
  value_sum DOUBLE PRECISION,
  value_min DOUBLE PRECISION,
  value_max DOUBLE PRECISION,
  first_ts TIMESTAMPTZ,
  last_ts TIMESTAMPTZ,
  first_value DOUBLE PRECISION,
  last_value DOUBLE PRECISION,
  increase DOUBLE PRECISION
);
ALTER TABLE perf.bundle_series ADD COLUMN IF NOT EXISTS increase DOUBLE PRECISION;
CREATE INDEX IF NOT EXISTS bundle_series_metric_idx ON perf.bundle_series (bundle_id, metric);
CREATE INDEX IF NOT EXISTS bundle_series_table_idx ON perf.bundle_series (bundle_id, table_name);
CREATE TABLE IF NOT EXISTS perf.bundle_buckets (
  bundle_id TEXT NOT NULL,
  table_name TEXT NOT NULL,
  sptid TEXT,
  host TEXT NOT NULL,
  labels JSONB NOT NULL,
  bucket_seconds INTEGER NOT NULL,
  bucket_start TIMESTAMPTZ NOT NULL,
  columns TEXT[] NOT NULL,
  samples INTEGER[] NOT NULL,
  value_sum DOUBLE PRECISION[] NOT NULL,
  value_max DOUBLE PRECISION[] NOT NULL,
  increase DOUBLE PRECISION[],
  seconds DOUBLE PRECISION[]
);
CREATE INDEX IF NOT EXISTS bundle_buckets_table_idx ON perf.bundle_buckets (bundle_id, table_name, bucket_seconds);

-- Docs service
CREATE TABLE IF NOT EXISTS perf.doc_embeddings (
  doc_id TEXT NOT NULL,
  model_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  embedding REAL[] NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (doc_id, model_id)
);

CREATE TABLE IF NOT EXISTS perf.metric_catalog (
  metric_name TEXT PRIMARY KEY,
  base_table TEXT NOT NULL,
  column_name TEXT NOT NULL,
  metric_kind TEXT NOT NULL,
  unit TEXT,
  description TEXT,
  aliases TEXT[] DEFAULT '{}',
  local_labels TEXT[],
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS perf.table_schemas (
  table_name TEXT PRIMARY KEY,
  record_group TEXT NOT NULL,
  metric_category TEXT NOT NULL,
  global_columns TEXT[],
  local_columns JSONB,
  metric_columns JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS perf.query_patterns (
  pattern_name TEXT PRIMARY KEY,
  description TEXT,
  sql_template TEXT,
  required_params TEXT[],
  optional_params JSONB,
  example_usage TEXT
);

-- CPU (prefix cpu, category cpu)
CREATE TABLE IF NOT EXISTS perf.ptops_cpu (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  cpu TEXT,
  utilization DOUBLE PRECISION,
  idle_percent DOUBLE PRECISION,
  iowait_percent DOUBLE PRECISION,
  user_percent DOUBLE PRECISION,
  system_percent DOUBLE PRECISION,
  nice_percent DOUBLE PRECISION,
  irq_percent DOUBLE PRECISION,
  softirq_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_cpu', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- MEM (prefix mem, category memory)
CREATE TABLE IF NOT EXISTS perf.ptops_mem (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  total_bytes DOUBLE PRECISION,
  free_percent DOUBLE PRECISION,
  buffers_percent DOUBLE PRECISION,
  cached_percent DOUBLE PRECISION,
  slab_percent DOUBLE PRECISION,
  anon_percent DOUBLE PRECISION,
  sysv_shm_percent DOUBLE PRECISION,
  swap_used_percent DOUBLE PRECISION,
  swap_total_bytes DOUBLE PRECISION,
  hugepages_total DOUBLE PRECISION,
  hugepages_free DOUBLE PRECISION,
  available_percent DOUBLE PRECISION,
  pgpgin_per_sec DOUBLE PRECISION,
  pgpgout_per_sec DOUBLE PRECISION,
  swapin_per_sec DOUBLE PRECISION,
  swapout_per_sec DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_mem', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DISK (prefix disk, category disk)
CREATE TABLE IF NOT EXISTS perf.ptops_disk (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  device TEXT,
  disk_index TEXT,
  reads_per_sec DOUBLE PRECISION,
  read_kb_per_sec DOUBLE PRECISION,
  read_avg_kb DOUBLE PRECISION,
  read_avg_ms DOUBLE PRECISION,
  writes_per_sec DOUBLE PRECISION,
  write_kb_per_sec DOUBLE PRECISION,
  write_avg_kb DOUBLE PRECISION,
  write_avg_ms DOUBLE PRECISION,
  service_time_ms DOUBLE PRECISION,
  avg_queue_len DOUBLE PRECISION,
  busy_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_disk', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- NET (prefix net, category network)
CREATE TABLE IF NOT EXISTS perf.ptops_net (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  interface TEXT,
  rx_packets_per_sec DOUBLE PRECISION,
  rx_kb_per_sec DOUBLE PRECISION,
  tx_packets_per_sec DOUBLE PRECISION,
  tx_kb_per_sec DOUBLE PRECISION,
  rx_drops_per_sec DOUBLE PRECISION,
  tx_drops_per_sec DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_net', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- NET ifstat (prefix net, category network)
CREATE TABLE IF NOT EXISTS perf.ptops_net_ifstat (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  interface TEXT,
  rx_packets_total DOUBLE PRECISION,
  rx_bytes_total DOUBLE PRECISION,
  tx_packets_total DOUBLE PRECISION,
  tx_bytes_total DOUBLE PRECISION,
  rx_dropped_packets_total DOUBLE PRECISION,
  tx_dropped_packets_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_net_ifstat', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- NODE (prefix node, category memory)
CREATE TABLE IF NOT EXISTS perf.ptops_node (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  node TEXT,
  total_bytes DOUBLE PRECISION,
  free_percent DOUBLE PRECISION,
  used_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_node', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- BUDDY (prefix buddy, category memory)
CREATE TABLE IF NOT EXISTS perf.ptops_buddy (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  node TEXT,
  zone TEXT,
  total_free_bytes DOUBLE PRECISION,
  avg_block_bytes DOUBLE PRECISION,
  free_blocks_order_0 DOUBLE PRECISION,
  free_blocks_order_1 DOUBLE PRECISION,
  free_blocks_order_2 DOUBLE PRECISION,
  free_blocks_order_3 DOUBLE PRECISION,
  free_blocks_order_4 DOUBLE PRECISION,
  free_blocks_order_5 DOUBLE PRECISION,
  free_blocks_order_6 DOUBLE PRECISION,
  free_blocks_order_7 DOUBLE PRECISION,
  free_blocks_order_8 DOUBLE PRECISION,
  free_blocks_order_9 DOUBLE PRECISION,
  free_blocks_order_10 DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_buddy', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- SLAB (prefix slab, category memory)
CREATE TABLE IF NOT EXISTS perf.ptops_slab (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  cache TEXT,
  active_objects DOUBLE PRECISION,
  total_objects DOUBLE PRECISION,
  memory_mib DOUBLE PRECISION,
  waste_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_slab', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- BALLOON (prefix balloon, category memory)
CREATE TABLE IF NOT EXISTS perf.ptops_balloon (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  memory_mb DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_balloon', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- UDP (prefix udp, category network)
CREATE TABLE IF NOT EXISTS perf.ptops_udp (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  local_address TEXT,
  local_port TEXT,
  remote_address TEXT,
  remote_port TEXT,
  inode TEXT,
  rx_queue_bytes DOUBLE PRECISION,
  tx_queue_bytes DOUBLE PRECISION,
  drops DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_udp', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- SNMP.Ip (prefix snmp_ip, category network)
CREATE TABLE IF NOT EXISTS perf.ptops_snmp_ip (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  in_receives_per_sec DOUBLE PRECISION,
  delivered_per_sec DOUBLE PRECISION,
  in_discards_per_sec DOUBLE PRECISION,
  out_requests_per_sec DOUBLE PRECISION,
  out_discards_per_sec DOUBLE PRECISION,
  header_errors DOUBLE PRECISION,
  address_errors DOUBLE PRECISION,
  unknown_protocol DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_snmp_ip', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- SNMP.Udp (prefix snmp_udp, category network)
CREATE TABLE IF NOT EXISTS perf.ptops_snmp_udp (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  in_datagrams_per_sec DOUBLE PRECISION,
  out_datagrams_per_sec DOUBLE PRECISION,
  receive_buffer_errors DOUBLE PRECISION,
  send_buffer_errors DOUBLE PRECISION,
  no_ports DOUBLE PRECISION,
  in_errors DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_snmp_udp', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- TOP (prefix top, category process)
CREATE TABLE IF NOT EXISTS perf.ptops_top (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  pid TEXT,
  ppid TEXT,
  exec TEXT,
  container_id TEXT,
  container_pid TEXT,
  container_name TEXT,
  cpu_percent DOUBLE PRECISION,
  total_cpu_seconds DOUBLE PRECISION,
  user_cpu_seconds DOUBLE PRECISION,
  system_cpu_seconds DOUBLE PRECISION,
  last_cpu DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_top', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- SMAPS (prefix smaps, category memory_map)
CREATE TABLE IF NOT EXISTS perf.ptops_smaps (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  pid TEXT,
  command TEXT,
  vm_size_kb DOUBLE PRECISION,
  rss_kb DOUBLE PRECISION,
  rss_minus_shmem_kb DOUBLE PRECISION,
  swap_kb DOUBLE PRECISION,
  shared_total_kb DOUBLE PRECISION,
  shared_dirty_kb DOUBLE PRECISION,
  private_total_kb DOUBLE PRECISION,
  private_dirty_kb DOUBLE PRECISION,
  shmem_total_kb DOUBLE PRECISION,
  shmem_dirty_kb DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_smaps', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DBWR (prefix dbwr, category db_histogram)
CREATE TABLE IF NOT EXISTS perf.ptops_dbwr (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  bucket TEXT,
  bucket_count_total BIGINT,
  bucket_avg_latency_seconds DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_dbwr', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DBWA (prefix dbwa, category db_histogram)
CREATE TABLE IF NOT EXISTS perf.ptops_dbwa (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  bucket TEXT,
  bucket_count_total BIGINT,
  bucket_avg_latency_seconds DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_dbwa', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DBRD (prefix dbrd, category db_histogram)
CREATE TABLE IF NOT EXISTS perf.ptops_dbrd (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  bucket TEXT,
  bucket_count_total BIGINT,
  bucket_avg_latency_seconds DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_dbrd', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DBMPOOL (prefix dbmpool, category db)
CREATE TABLE IF NOT EXISTS perf.ptops_dbmpool (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  cache_size_mib DOUBLE PRECISION,
  pages_total DOUBLE PRECISION,
  pages_clean DOUBLE PRECISION,
  pages_dirty DOUBLE PRECISION,
  pages_created DOUBLE PRECISION,
  pages_in DOUBLE PRECISION,
  pages_out DOUBLE PRECISION,
  pages_alloc DOUBLE PRECISION,
  cache_hits DOUBLE PRECISION,
  cache_misses DOUBLE PRECISION,
  ro_evicts DOUBLE PRECISION,
  rw_evicts DOUBLE PRECISION,
  buffers_frozen DOUBLE PRECISION,
  buffers_thawed DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_dbmpool', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- CCPU (prefix ccpu, category container)
CREATE TABLE IF NOT EXISTS perf.ptops_ccpu (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  container_id TEXT,
  container_name TEXT,
  cpu TEXT,
  user_percent DOUBLE PRECISION,
  system_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_ccpu', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- CMEM (prefix cmem, category container)
CREATE TABLE IF NOT EXISTS perf.ptops_cmem (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  container_id TEXT,
  container_name TEXT,
  page_cache_kb DOUBLE PRECISION,
  file_backed_kb DOUBLE PRECISION,
  rss_kb DOUBLE PRECISION,
  rss_huge_kb DOUBLE PRECISION,
  shmem_kb DOUBLE PRECISION,
  swap_kb DOUBLE PRECISION,
  unevictable_kb DOUBLE PRECISION,
  pgpgin_per_sec DOUBLE PRECISION,
  pgpgout_per_sec DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_cmem', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- CDISK (prefix cdisk, category container)
CREATE TABLE IF NOT EXISTS perf.ptops_cdisk (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  container_id TEXT,
  container_name TEXT,
  device TEXT,
  device_major TEXT,
  reads_per_sec DOUBLE PRECISION,
  read_kb_per_sec DOUBLE PRECISION,
  read_avg_kb DOUBLE PRECISION,
  writes_per_sec DOUBLE PRECISION,
  write_kb_per_sec DOUBLE PRECISION,
  write_avg_kb DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_cdisk', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPMBUF (prefix fpm, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_mbuf (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  mbufs_in_use DOUBLE PRECISION,
  mbufs_available DOUBLE PRECISION,
  mbuf_utilization_percent DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_mbuf', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPPORTS (prefix fpports, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_ports (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  port TEXT,
  rx_packets_total DOUBLE PRECISION,
  tx_packets_total DOUBLE PRECISION,
  rx_bytes_total DOUBLE PRECISION,
  tx_bytes_total DOUBLE PRECISION,
  rx_errors_total DOUBLE PRECISION,
  tx_errors_total DOUBLE PRECISION,
  rx_multicast_packets_total DOUBLE PRECISION,
  rx_missed_packets_total DOUBLE PRECISION,
  rx_nombuf_drops_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_ports', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPPRXY (prefix fpprxy, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_proxy (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  msp_index TEXT,
  connected_cores DOUBLE PRECISION,
  reconnects_total DOUBLE PRECISION,
  queries_added_to_hash_total DOUBLE PRECISION,
  active_queries DOUBLE PRECISION,
  query_add_failures_total DOUBLE PRECISION,
  queries_passed_to_bind_total DOUBLE PRECISION,
  query_timeouts_total DOUBLE PRECISION,
  responses_from_msp_total DOUBLE PRECISION,
  responses_sent_to_client_total DOUBLE PRECISION,
  response_send_failures_total DOUBLE PRECISION,
  response_parse_status_failures_total DOUBLE PRECISION,
  response_parse_txid_failures_total DOUBLE PRECISION,
  response_txid_not_found_total DOUBLE PRECISION,
  response_subid_empty_total DOUBLE PRECISION,
  response_vip_not_found_total DOUBLE PRECISION,
  response_hash_remove_failures_total DOUBLE PRECISION,
  response_pvipv6_not_found_total DOUBLE PRECISION,
  response_pvipv4_not_found_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_proxy', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPPREF (prefix fppref, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_prefetch (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  timer_iterations_total DOUBLE PRECISION,
  a_query_created_total DOUBLE PRECISION,
  aaaa_query_mbuf_alloc_failures_total DOUBLE PRECISION,
  aaaa_query_created_total DOUBLE PRECISION,
  a_query_mbuf_alloc_failures_total DOUBLE PRECISION,
  query_enqueue_failures_total DOUBLE PRECISION,
  query_enqueued_total DOUBLE PRECISION,
  a_response_handled_total DOUBLE PRECISION,
  aaaa_response_handled_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_prefetch', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPDCA (prefix fpdca, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_dca (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  queries_passed_to_bind_total DOUBLE PRECISION,
  pcp_queries_passed_to_bind_total DOUBLE PRECISION,
  non_cacheable_responses_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_dca', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPRRSTATS (prefix fprrstats, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_rrstats (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  queries_a_total DOUBLE PRECISION,
  queries_aaaa_total DOUBLE PRECISION,
  queries_mx_total DOUBLE PRECISION,
  queries_ptr_total DOUBLE PRECISION,
  queries_cname_total DOUBLE PRECISION,
  queries_svcb_total DOUBLE PRECISION,
  queries_https_total DOUBLE PRECISION,
  queries_other_total DOUBLE PRECISION,
  responses_a_total DOUBLE PRECISION,
  responses_aaaa_total DOUBLE PRECISION,
  responses_mx_total DOUBLE PRECISION,
  responses_ptr_total DOUBLE PRECISION,
  responses_cname_total DOUBLE PRECISION,
  responses_svcb_total DOUBLE PRECISION,
  responses_https_total DOUBLE PRECISION,
  responses_other_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_rrstats', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPDNCR (prefix fpdncr, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_dncr (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  non_edns0_queries_total DOUBLE PRECISION,
  edns0_with_localid_total DOUBLE PRECISION,
  edns0_with_policyid_total DOUBLE PRECISION,
  edns0_unknown_options_total DOUBLE PRECISION,
  subscriber_hits_total DOUBLE PRECISION,
  policy_id_subscriber_hits_total DOUBLE PRECISION,
  subscriber_ipv4_prefix_hits_total DOUBLE PRECISION,
  subscriber_ipv6_prefix_hits_total DOUBLE PRECISION,
  subscriber_pcp_violations_total DOUBLE PRECISION,
  subscriber_wpcp_violations_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_dncr', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPVLSTATS (prefix fpvlstats, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_vlstats (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  fastpath_pcp_queries_total DOUBLE PRECISION,
  fastpath_wpcp_queries_total DOUBLE PRECISION,
  fastpath_blacklist_queries_total DOUBLE PRECISION,
  fastpath_block_all_queries_total DOUBLE PRECISION,
  named_pcp_queries_total DOUBLE PRECISION,
  named_wpcp_queries_total DOUBLE PRECISION,
  named_blacklist_queries_total DOUBLE PRECISION,
  named_rpz_queries_total DOUBLE PRECISION,
  named_block_all_queries_total DOUBLE PRECISION,
  named_device_discovery_queries_total DOUBLE PRECISION,
  fastpath_violations_total DOUBLE PRECISION,
  named_violations_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_vlstats', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPS (prefix fps, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_status (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  incoming_dns_packets DOUBLE PRECISION,
  outgoing_dns_packets DOUBLE PRECISION,
  dropped_dns_packets DOUBLE PRECISION,
  missed_dns_packets DOUBLE PRECISION,
  hit_dns_packets DOUBLE PRECISION,
  bypass_dns_packets DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_status', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPC (prefix fpc, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_cpu (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  cpu TEXT,
  cpu_busy_percent DOUBLE PRECISION,
  cycles_total DOUBLE PRECISION,
  cycles_per_packet DOUBLE PRECISION,
  cycles_ic_pkt DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_cpu', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- FPP (prefix fpp, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_fp_packets (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  total_cycles DOUBLE PRECISION,
  total_packets DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_fp_packets', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DOT_STAT (prefix dot, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_dot (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  interface_address TEXT,
  protocol TEXT,
  interfaces DOUBLE PRECISION,
  rx_packets_total DOUBLE PRECISION,
  tx_packets_total DOUBLE PRECISION,
  dropped_packets_total DOUBLE PRECISION,
  queue_drops_total DOUBLE PRECISION,
  opened_sessions_total DOUBLE PRECISION,
  closed_sessions_total DOUBLE PRECISION,
  active_sessions DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_dot', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- DOH_STAT (prefix doh, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_doh (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  interface_address TEXT,
  interfaces DOUBLE PRECISION,
  rx_packets_total DOUBLE PRECISION,
  tx_packets_total DOUBLE PRECISION,
  dropped_packets_total DOUBLE PRECISION,
  queue_drops_total DOUBLE PRECISION,
  opened_sessions_total DOUBLE PRECISION,
  closed_sessions_total DOUBLE PRECISION,
  active_sessions DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_doh', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- TCP_DCA_STAT (prefix tcp_dca, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_tcp_dca (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  interface_address TEXT,
  interfaces DOUBLE PRECISION,
  rx_packets_total DOUBLE PRECISION,
  tx_packets_total DOUBLE PRECISION,
  dropped_packets_total DOUBLE PRECISION,
  queue_drops_total DOUBLE PRECISION,
  opened_sessions_total DOUBLE PRECISION,
  closed_sessions_total DOUBLE PRECISION,
  active_sessions DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_tcp_dca', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCAPI_REQ (prefix imcapi_req, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcapi_req (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  requests_total DOUBLE PRECISION,
  unspecified_total DOUBLE PRECISION,
  sub_count_total DOUBLE PRECISION,
  sub_create_total DOUBLE PRECISION,
  sub_update_total DOUBLE PRECISION,
  sub_delete_total DOUBLE PRECISION,
  unspecified_mod_total DOUBLE PRECISION,
  sub_add_info_total DOUBLE PRECISION,
  sub_update_info_total DOUBLE PRECISION,
  sub_update_policy_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcapi_req', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCAPI_RESP (prefix imcapi_resp, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcapi_resp (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  request_type TEXT,
  response_type TEXT,
  responses_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcapi_resp', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_NODES (prefix imcdr_nodes, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_nodes (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  node_count DOUBLE PRECISION,
  peer_count DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_nodes', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_EVENT_STATS (prefix imcdr_events, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_events (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  add_peer_total DOUBLE PRECISION,
  add_client_total DOUBLE PRECISION,
  add_sent_peer_total DOUBLE PRECISION,
  del_peer_total DOUBLE PRECISION,
  del_sent_peer_total DOUBLE PRECISION,
  del_client_gc_total DOUBLE PRECISION,
  add_sent_snoopers_total DOUBLE PRECISION,
  del_sent_snoopers_total DOUBLE PRECISION,
  total_recv_total DOUBLE PRECISION,
  total_sent_total DOUBLE PRECISION,
  total_cache_events_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_events', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_CONN_STATS (prefix imcdr_conn, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_conn (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  closed_hung_total DOUBLE PRECISION,
  add_on_start_total DOUBLE PRECISION,
  close_on_exit_total DOUBLE PRECISION,
  close_send_err_total DOUBLE PRECISION,
  close_recv_err_total DOUBLE PRECISION,
  close_access_denied_total DOUBLE PRECISION,
  add_peer_conn_total DOUBLE PRECISION,
  close_on_exit_repo_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_conn', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_FRR (prefix imcdr_frr, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_frr (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  phys_oid TEXT,
  peer_ip TEXT,
  timeout_replies_total DOUBLE PRECISION,
  conn_lost_total DOUBLE PRECISION,
  successful_loads_total DOUBLE PRECISION,
  null_cache_replies_total DOUBLE PRECISION,
  unknown_cache_replies_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_frr', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_FRS (prefix imcdr_frs, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_frs (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  phys_oid TEXT,
  peer_ip TEXT,
  fd DOUBLE PRECISION,
  events_sent_total DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_frs', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- IMCDR_MEM_STATS (prefix imcdr_mem, category fastpath)
CREATE TABLE IF NOT EXISTS perf.ptops_imcdr_mem (
  ts TIMESTAMPTZ NOT NULL,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  hash_init_bytes DOUBLE PRECISION,
  reserved_bytes DOUBLE PRECISION,
  alloc_calls_total DOUBLE PRECISION,
  dealloc_bytes_total DOUBLE PRECISION,
  dealloc_calls_total DOUBLE PRECISION,
  record_count DOUBLE PRECISION
);
SELECT create_hypertable('perf.ptops_imcdr_mem', 'ts', chunk_time_interval => INTERVAL '1 day', if_not_exists => TRUE, migrate_data => TRUE, create_default_indexes => FALSE);

-- Text records: a plain table in both modes (ts may be NULL)
CREATE TABLE IF NOT EXISTS perf.ptops_text_records (
  ts TIMESTAMPTZ,
  bundle_id TEXT NOT NULL,
  sptid TEXT,
  metric_category TEXT NOT NULL,
  host TEXT NOT NULL,
  file_name TEXT,
  prefix TEXT,
  line_no BIGINT,
  text TEXT
);

-- Columns added since a table was created (an older database is upgraded in place; nothing is dropped).
DO $do$
DECLARE
  c record;
BEGIN
  FOR c IN
    SELECT v.tbl, v.col, v.typ
    FROM (VALUES
      ('ptops_cpu', 'cpu', 'TEXT'),
      ('ptops_cpu', 'utilization', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'idle_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'iowait_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'user_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'system_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'nice_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'irq_percent', 'DOUBLE PRECISION'),
      ('ptops_cpu', 'softirq_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'total_bytes', 'DOUBLE PRECISION'),
      ('ptops_mem', 'free_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'buffers_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'cached_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'slab_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'anon_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'sysv_shm_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'swap_used_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'swap_total_bytes', 'DOUBLE PRECISION'),
      ('ptops_mem', 'hugepages_total', 'DOUBLE PRECISION'),
      ('ptops_mem', 'hugepages_free', 'DOUBLE PRECISION'),
      ('ptops_mem', 'available_percent', 'DOUBLE PRECISION'),
      ('ptops_mem', 'pgpgin_per_sec', 'DOUBLE PRECISION'),
      ('ptops_mem', 'pgpgout_per_sec', 'DOUBLE PRECISION'),
      ('ptops_mem', 'swapin_per_sec', 'DOUBLE PRECISION'),
      ('ptops_mem', 'swapout_per_sec', 'DOUBLE PRECISION'),
      ('ptops_disk', 'device', 'TEXT'),
      ('ptops_disk', 'disk_index', 'TEXT'),
      ('ptops_disk', 'reads_per_sec', 'DOUBLE PRECISION'),
      ('ptops_disk', 'read_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_disk', 'read_avg_kb', 'DOUBLE PRECISION'),
      ('ptops_disk', 'read_avg_ms', 'DOUBLE PRECISION'),
      ('ptops_disk', 'writes_per_sec', 'DOUBLE PRECISION'),
      ('ptops_disk', 'write_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_disk', 'write_avg_kb', 'DOUBLE PRECISION'),
      ('ptops_disk', 'write_avg_ms', 'DOUBLE PRECISION'),
      ('ptops_disk', 'service_time_ms', 'DOUBLE PRECISION'),
      ('ptops_disk', 'avg_queue_len', 'DOUBLE PRECISION'),
      ('ptops_disk', 'busy_percent', 'DOUBLE PRECISION'),
      ('ptops_net', 'interface', 'TEXT'),
      ('ptops_net', 'rx_packets_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net', 'rx_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net', 'tx_packets_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net', 'tx_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net', 'rx_drops_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net', 'tx_drops_per_sec', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'interface', 'TEXT'),
      ('ptops_net_ifstat', 'rx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'rx_bytes_total', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'tx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'tx_bytes_total', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'rx_dropped_packets_total', 'DOUBLE PRECISION'),
      ('ptops_net_ifstat', 'tx_dropped_packets_total', 'DOUBLE PRECISION'),
      ('ptops_node', 'node', 'TEXT'),
      ('ptops_node', 'total_bytes', 'DOUBLE PRECISION'),
      ('ptops_node', 'free_percent', 'DOUBLE PRECISION'),
      ('ptops_node', 'used_percent', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'node', 'TEXT'),
      ('ptops_buddy', 'zone', 'TEXT'),
      ('ptops_buddy', 'total_free_bytes', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'avg_block_bytes', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_0', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_1', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_2', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_3', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_4', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_5', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_6', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_7', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_8', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_9', 'DOUBLE PRECISION'),
      ('ptops_buddy', 'free_blocks_order_10', 'DOUBLE PRECISION'),
      ('ptops_slab', 'cache', 'TEXT'),
      ('ptops_slab', 'active_objects', 'DOUBLE PRECISION'),
      ('ptops_slab', 'total_objects', 'DOUBLE PRECISION'),
      ('ptops_slab', 'memory_mib', 'DOUBLE PRECISION'),
      ('ptops_slab', 'waste_percent', 'DOUBLE PRECISION'),
      ('ptops_balloon', 'memory_mb', 'DOUBLE PRECISION'),
      ('ptops_udp', 'local_address', 'TEXT'),
      ('ptops_udp', 'local_port', 'TEXT'),
      ('ptops_udp', 'remote_address', 'TEXT'),
      ('ptops_udp', 'remote_port', 'TEXT'),
      ('ptops_udp', 'inode', 'TEXT'),
      ('ptops_udp', 'rx_queue_bytes', 'DOUBLE PRECISION'),
      ('ptops_udp', 'tx_queue_bytes', 'DOUBLE PRECISION'),
      ('ptops_udp', 'drops', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'in_receives_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'delivered_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'in_discards_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'out_requests_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'out_discards_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'header_errors', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'address_errors', 'DOUBLE PRECISION'),
      ('ptops_snmp_ip', 'unknown_protocol', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'in_datagrams_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'out_datagrams_per_sec', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'receive_buffer_errors', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'send_buffer_errors', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'no_ports', 'DOUBLE PRECISION'),
      ('ptops_snmp_udp', 'in_errors', 'DOUBLE PRECISION'),
      ('ptops_top', 'pid', 'TEXT'),
      ('ptops_top', 'ppid', 'TEXT'),
      ('ptops_top', 'exec', 'TEXT'),
      ('ptops_top', 'container_id', 'TEXT'),
      ('ptops_top', 'container_pid', 'TEXT'),
      ('ptops_top', 'container_name', 'TEXT'),
      ('ptops_top', 'cpu_percent', 'DOUBLE PRECISION'),
      ('ptops_top', 'total_cpu_seconds', 'DOUBLE PRECISION'),
      ('ptops_top', 'user_cpu_seconds', 'DOUBLE PRECISION'),
      ('ptops_top', 'system_cpu_seconds', 'DOUBLE PRECISION'),
      ('ptops_top', 'last_cpu', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'pid', 'TEXT'),
      ('ptops_smaps', 'command', 'TEXT'),
      ('ptops_smaps', 'vm_size_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'rss_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'rss_minus_shmem_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'swap_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'shared_total_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'shared_dirty_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'private_total_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'private_dirty_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'shmem_total_kb', 'DOUBLE PRECISION'),
      ('ptops_smaps', 'shmem_dirty_kb', 'DOUBLE PRECISION'),
      ('ptops_dbwr', 'bucket', 'TEXT'),
      ('ptops_dbwr', 'bucket_count_total', 'BIGINT'),
      ('ptops_dbwr', 'bucket_avg_latency_seconds', 'DOUBLE PRECISION'),
      ('ptops_dbwa', 'bucket', 'TEXT'),
      ('ptops_dbwa', 'bucket_count_total', 'BIGINT'),
      ('ptops_dbwa', 'bucket_avg_latency_seconds', 'DOUBLE PRECISION'),
      ('ptops_dbrd', 'bucket', 'TEXT'),
      ('ptops_dbrd', 'bucket_count_total', 'BIGINT'),
      ('ptops_dbrd', 'bucket_avg_latency_seconds', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'cache_size_mib', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_total', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_clean', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_dirty', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_created', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_in', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_out', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'pages_alloc', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'cache_hits', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'cache_misses', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'ro_evicts', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'rw_evicts', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'buffers_frozen', 'DOUBLE PRECISION'),
      ('ptops_dbmpool', 'buffers_thawed', 'DOUBLE PRECISION'),
      ('ptops_ccpu', 'container_id', 'TEXT'),
      ('ptops_ccpu', 'container_name', 'TEXT'),
      ('ptops_ccpu', 'cpu', 'TEXT'),
      ('ptops_ccpu', 'user_percent', 'DOUBLE PRECISION'),
      ('ptops_ccpu', 'system_percent', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'container_id', 'TEXT'),
      ('ptops_cmem', 'container_name', 'TEXT'),
      ('ptops_cmem', 'page_cache_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'file_backed_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'rss_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'rss_huge_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'shmem_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'swap_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'unevictable_kb', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'pgpgin_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cmem', 'pgpgout_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'container_id', 'TEXT'),
      ('ptops_cdisk', 'container_name', 'TEXT'),
      ('ptops_cdisk', 'device', 'TEXT'),
      ('ptops_cdisk', 'device_major', 'TEXT'),
      ('ptops_cdisk', 'reads_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'read_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'read_avg_kb', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'writes_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'write_kb_per_sec', 'DOUBLE PRECISION'),
      ('ptops_cdisk', 'write_avg_kb', 'DOUBLE PRECISION'),
      ('ptops_fp_mbuf', 'mbufs_in_use', 'DOUBLE PRECISION'),
      ('ptops_fp_mbuf', 'mbufs_available', 'DOUBLE PRECISION'),
      ('ptops_fp_mbuf', 'mbuf_utilization_percent', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'port', 'TEXT'),
      ('ptops_fp_ports', 'rx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'tx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'rx_bytes_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'tx_bytes_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'rx_errors_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'tx_errors_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'rx_multicast_packets_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'rx_missed_packets_total', 'DOUBLE PRECISION'),
      ('ptops_fp_ports', 'rx_nombuf_drops_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'msp_index', 'TEXT'),
      ('ptops_fp_proxy', 'connected_cores', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'reconnects_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'queries_added_to_hash_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'active_queries', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'query_add_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'queries_passed_to_bind_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'query_timeouts_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'responses_from_msp_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'responses_sent_to_client_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_send_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_parse_status_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_parse_txid_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_txid_not_found_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_subid_empty_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_vip_not_found_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_hash_remove_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_pvipv6_not_found_total', 'DOUBLE PRECISION'),
      ('ptops_fp_proxy', 'response_pvipv4_not_found_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'timer_iterations_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'a_query_created_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'aaaa_query_mbuf_alloc_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'aaaa_query_created_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'a_query_mbuf_alloc_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'query_enqueue_failures_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'query_enqueued_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'a_response_handled_total', 'DOUBLE PRECISION'),
      ('ptops_fp_prefetch', 'aaaa_response_handled_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dca', 'queries_passed_to_bind_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dca', 'pcp_queries_passed_to_bind_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dca', 'non_cacheable_responses_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_a_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_aaaa_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_mx_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_ptr_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_cname_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_svcb_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_https_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'queries_other_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_a_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_aaaa_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_mx_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_ptr_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_cname_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_svcb_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_https_total', 'DOUBLE PRECISION'),
      ('ptops_fp_rrstats', 'responses_other_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'non_edns0_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'edns0_with_localid_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'edns0_with_policyid_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'edns0_unknown_options_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'subscriber_hits_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'policy_id_subscriber_hits_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'subscriber_ipv4_prefix_hits_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'subscriber_ipv6_prefix_hits_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'subscriber_pcp_violations_total', 'DOUBLE PRECISION'),
      ('ptops_fp_dncr', 'subscriber_wpcp_violations_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'fastpath_pcp_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'fastpath_wpcp_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'fastpath_blacklist_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'fastpath_block_all_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_pcp_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_wpcp_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_blacklist_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_rpz_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_block_all_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_device_discovery_queries_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'fastpath_violations_total', 'DOUBLE PRECISION'),
      ('ptops_fp_vlstats', 'named_violations_total', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'incoming_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'outgoing_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'dropped_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'missed_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'hit_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_status', 'bypass_dns_packets', 'DOUBLE PRECISION'),
      ('ptops_fp_cpu', 'cpu', 'TEXT'),
      ('ptops_fp_cpu', 'cpu_busy_percent', 'DOUBLE PRECISION'),
      ('ptops_fp_cpu', 'cycles_total', 'DOUBLE PRECISION'),
      ('ptops_fp_cpu', 'cycles_per_packet', 'DOUBLE PRECISION'),
      ('ptops_fp_cpu', 'cycles_ic_pkt', 'DOUBLE PRECISION'),
      ('ptops_fp_packets', 'total_cycles', 'DOUBLE PRECISION'),
      ('ptops_fp_packets', 'total_packets', 'DOUBLE PRECISION'),
      ('ptops_dot', 'interface_address', 'TEXT'),
      ('ptops_dot', 'protocol', 'TEXT'),
      ('ptops_dot', 'interfaces', 'DOUBLE PRECISION'),
      ('ptops_dot', 'rx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'tx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'dropped_packets_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'queue_drops_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'opened_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'closed_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_dot', 'active_sessions', 'DOUBLE PRECISION'),
      ('ptops_doh', 'interface_address', 'TEXT'),
      ('ptops_doh', 'interfaces', 'DOUBLE PRECISION'),
      ('ptops_doh', 'rx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'tx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'dropped_packets_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'queue_drops_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'opened_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'closed_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_doh', 'active_sessions', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'interface_address', 'TEXT'),
      ('ptops_tcp_dca', 'interfaces', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'rx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'tx_packets_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'dropped_packets_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'queue_drops_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'opened_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'closed_sessions_total', 'DOUBLE PRECISION'),
      ('ptops_tcp_dca', 'active_sessions', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'requests_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'unspecified_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_count_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_create_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_update_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_delete_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'unspecified_mod_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_add_info_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_update_info_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_req', 'sub_update_policy_total', 'DOUBLE PRECISION'),
      ('ptops_imcapi_resp', 'request_type', 'TEXT'),
      ('ptops_imcapi_resp', 'response_type', 'TEXT'),
      ('ptops_imcapi_resp', 'responses_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_nodes', 'node_count', 'DOUBLE PRECISION'),
      ('ptops_imcdr_nodes', 'peer_count', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'add_peer_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'add_client_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'add_sent_peer_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'del_peer_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'del_sent_peer_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'del_client_gc_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'add_sent_snoopers_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'del_sent_snoopers_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'total_recv_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'total_sent_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_events', 'total_cache_events_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'closed_hung_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'add_on_start_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'close_on_exit_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'close_send_err_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'close_recv_err_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'close_access_denied_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'add_peer_conn_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_conn', 'close_on_exit_repo_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frr', 'phys_oid', 'TEXT'),
      ('ptops_imcdr_frr', 'peer_ip', 'TEXT'),
      ('ptops_imcdr_frr', 'timeout_replies_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frr', 'conn_lost_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frr', 'successful_loads_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frr', 'null_cache_replies_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frr', 'unknown_cache_replies_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frs', 'phys_oid', 'TEXT'),
      ('ptops_imcdr_frs', 'peer_ip', 'TEXT'),
      ('ptops_imcdr_frs', 'fd', 'DOUBLE PRECISION'),
      ('ptops_imcdr_frs', 'events_sent_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'hash_init_bytes', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'reserved_bytes', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'alloc_calls_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'dealloc_bytes_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'dealloc_calls_total', 'DOUBLE PRECISION'),
      ('ptops_imcdr_mem', 'record_count', 'DOUBLE PRECISION'),
      ('ptops_text_records', 'ts', 'TIMESTAMPTZ'),
      ('ptops_text_records', 'bundle_id', 'TEXT'),
      ('ptops_text_records', 'sptid', 'TEXT'),
      ('ptops_text_records', 'metric_category', 'TEXT'),
      ('ptops_text_records', 'host', 'TEXT'),
      ('ptops_text_records', 'file_name', 'TEXT'),
      ('ptops_text_records', 'prefix', 'TEXT'),
      ('ptops_text_records', 'line_no', 'BIGINT'),
      ('ptops_text_records', 'text', 'TEXT')
    ) AS v(tbl, col, typ)
    WHERE NOT EXISTS (
      SELECT 1 FROM pg_catalog.pg_attribute a
      WHERE a.attrelid = pg_catalog.format('%I.%I', 'perf', v.tbl)::regclass
        AND a.attname = v.col AND a.attnum > 0 AND NOT a.attisdropped)
  LOOP
    EXECUTE pg_catalog.format('ALTER TABLE %I.%I ADD COLUMN %I %s', 'perf', c.tbl, c.col, c.typ);
  END LOOP;
END
$do$;

-- Indexes
CREATE INDEX IF NOT EXISTS ptops_cpu_bundle_ts_idx ON perf.ptops_cpu (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cpu_category_ts_idx ON perf.ptops_cpu (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cpu_host_ts_idx ON perf.ptops_cpu (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cpu_cpu_idx ON perf.ptops_cpu (cpu, bundle_id, ts DESC) WHERE cpu IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_mem_bundle_ts_idx ON perf.ptops_mem (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_mem_category_ts_idx ON perf.ptops_mem (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_mem_host_ts_idx ON perf.ptops_mem (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_disk_bundle_ts_idx ON perf.ptops_disk (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_disk_category_ts_idx ON perf.ptops_disk (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_disk_host_ts_idx ON perf.ptops_disk (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_disk_device_idx ON perf.ptops_disk (device, bundle_id, ts DESC) WHERE device IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_net_bundle_ts_idx ON perf.ptops_net (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_category_ts_idx ON perf.ptops_net (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_host_ts_idx ON perf.ptops_net (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_interface_idx ON perf.ptops_net (interface, bundle_id, ts DESC) WHERE interface IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_net_ifstat_bundle_ts_idx ON perf.ptops_net_ifstat (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_ifstat_category_ts_idx ON perf.ptops_net_ifstat (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_ifstat_host_ts_idx ON perf.ptops_net_ifstat (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_net_ifstat_interface_idx ON perf.ptops_net_ifstat (interface, bundle_id, ts DESC) WHERE interface IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_node_bundle_ts_idx ON perf.ptops_node (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_node_category_ts_idx ON perf.ptops_node (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_node_host_ts_idx ON perf.ptops_node (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_buddy_bundle_ts_idx ON perf.ptops_buddy (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_buddy_category_ts_idx ON perf.ptops_buddy (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_buddy_host_ts_idx ON perf.ptops_buddy (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_slab_bundle_ts_idx ON perf.ptops_slab (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_slab_category_ts_idx ON perf.ptops_slab (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_slab_host_ts_idx ON perf.ptops_slab (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_slab_cache_idx ON perf.ptops_slab (cache, bundle_id, ts DESC) WHERE cache IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_balloon_bundle_ts_idx ON perf.ptops_balloon (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_balloon_category_ts_idx ON perf.ptops_balloon (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_balloon_host_ts_idx ON perf.ptops_balloon (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_udp_bundle_ts_idx ON perf.ptops_udp (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_udp_category_ts_idx ON perf.ptops_udp (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_udp_host_ts_idx ON perf.ptops_udp (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_udp_local_port_idx ON perf.ptops_udp (local_port, bundle_id, ts DESC) WHERE local_port IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_snmp_ip_bundle_ts_idx ON perf.ptops_snmp_ip (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_snmp_ip_category_ts_idx ON perf.ptops_snmp_ip (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_snmp_ip_host_ts_idx ON perf.ptops_snmp_ip (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_snmp_udp_bundle_ts_idx ON perf.ptops_snmp_udp (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_snmp_udp_category_ts_idx ON perf.ptops_snmp_udp (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_snmp_udp_host_ts_idx ON perf.ptops_snmp_udp (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_top_bundle_ts_idx ON perf.ptops_top (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_top_category_ts_idx ON perf.ptops_top (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_top_host_ts_idx ON perf.ptops_top (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_top_pid_idx ON perf.ptops_top (pid, bundle_id, ts DESC) WHERE pid IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_smaps_bundle_ts_idx ON perf.ptops_smaps (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_smaps_category_ts_idx ON perf.ptops_smaps (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_smaps_host_ts_idx ON perf.ptops_smaps (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_smaps_pid_idx ON perf.ptops_smaps (pid, bundle_id, ts DESC) WHERE pid IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_dbwr_bundle_ts_idx ON perf.ptops_dbwr (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwr_category_ts_idx ON perf.ptops_dbwr (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwr_host_ts_idx ON perf.ptops_dbwr (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwr_bucket_idx ON perf.ptops_dbwr (bucket, bundle_id, ts DESC) WHERE bucket IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_dbwa_bundle_ts_idx ON perf.ptops_dbwa (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwa_category_ts_idx ON perf.ptops_dbwa (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwa_host_ts_idx ON perf.ptops_dbwa (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbwa_bucket_idx ON perf.ptops_dbwa (bucket, bundle_id, ts DESC) WHERE bucket IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_dbrd_bundle_ts_idx ON perf.ptops_dbrd (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbrd_category_ts_idx ON perf.ptops_dbrd (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbrd_host_ts_idx ON perf.ptops_dbrd (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbrd_bucket_idx ON perf.ptops_dbrd (bucket, bundle_id, ts DESC) WHERE bucket IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_dbmpool_bundle_ts_idx ON perf.ptops_dbmpool (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbmpool_category_ts_idx ON perf.ptops_dbmpool (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dbmpool_host_ts_idx ON perf.ptops_dbmpool (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_ccpu_bundle_ts_idx ON perf.ptops_ccpu (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_ccpu_category_ts_idx ON perf.ptops_ccpu (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_ccpu_host_ts_idx ON perf.ptops_ccpu (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_ccpu_container_id_idx ON perf.ptops_ccpu (container_id, bundle_id, ts DESC) WHERE container_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_cmem_bundle_ts_idx ON perf.ptops_cmem (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cmem_category_ts_idx ON perf.ptops_cmem (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cmem_host_ts_idx ON perf.ptops_cmem (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cmem_container_id_idx ON perf.ptops_cmem (container_id, bundle_id, ts DESC) WHERE container_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_cdisk_bundle_ts_idx ON perf.ptops_cdisk (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cdisk_category_ts_idx ON perf.ptops_cdisk (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cdisk_host_ts_idx ON perf.ptops_cdisk (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_cdisk_container_id_idx ON perf.ptops_cdisk (container_id, bundle_id, ts DESC) WHERE container_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_cdisk_device_idx ON perf.ptops_cdisk (device, bundle_id, ts DESC) WHERE device IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_fp_mbuf_bundle_ts_idx ON perf.ptops_fp_mbuf (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_mbuf_category_ts_idx ON perf.ptops_fp_mbuf (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_mbuf_host_ts_idx ON perf.ptops_fp_mbuf (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_ports_bundle_ts_idx ON perf.ptops_fp_ports (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_ports_category_ts_idx ON perf.ptops_fp_ports (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_ports_host_ts_idx ON perf.ptops_fp_ports (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_ports_port_idx ON perf.ptops_fp_ports (port, bundle_id, ts DESC) WHERE port IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_fp_proxy_bundle_ts_idx ON perf.ptops_fp_proxy (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_proxy_category_ts_idx ON perf.ptops_fp_proxy (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_proxy_host_ts_idx ON perf.ptops_fp_proxy (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_proxy_msp_index_idx ON perf.ptops_fp_proxy (msp_index, bundle_id, ts DESC) WHERE msp_index IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_fp_prefetch_bundle_ts_idx ON perf.ptops_fp_prefetch (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_prefetch_category_ts_idx ON perf.ptops_fp_prefetch (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_prefetch_host_ts_idx ON perf.ptops_fp_prefetch (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dca_bundle_ts_idx ON perf.ptops_fp_dca (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dca_category_ts_idx ON perf.ptops_fp_dca (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dca_host_ts_idx ON perf.ptops_fp_dca (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_rrstats_bundle_ts_idx ON perf.ptops_fp_rrstats (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_rrstats_category_ts_idx ON perf.ptops_fp_rrstats (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_rrstats_host_ts_idx ON perf.ptops_fp_rrstats (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dncr_bundle_ts_idx ON perf.ptops_fp_dncr (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dncr_category_ts_idx ON perf.ptops_fp_dncr (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_dncr_host_ts_idx ON perf.ptops_fp_dncr (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_vlstats_bundle_ts_idx ON perf.ptops_fp_vlstats (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_vlstats_category_ts_idx ON perf.ptops_fp_vlstats (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_vlstats_host_ts_idx ON perf.ptops_fp_vlstats (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_status_bundle_ts_idx ON perf.ptops_fp_status (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_status_category_ts_idx ON perf.ptops_fp_status (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_status_host_ts_idx ON perf.ptops_fp_status (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_cpu_bundle_ts_idx ON perf.ptops_fp_cpu (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_cpu_category_ts_idx ON perf.ptops_fp_cpu (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_cpu_host_ts_idx ON perf.ptops_fp_cpu (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_cpu_cpu_idx ON perf.ptops_fp_cpu (cpu, bundle_id, ts DESC) WHERE cpu IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_fp_packets_bundle_ts_idx ON perf.ptops_fp_packets (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_packets_category_ts_idx ON perf.ptops_fp_packets (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_fp_packets_host_ts_idx ON perf.ptops_fp_packets (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dot_bundle_ts_idx ON perf.ptops_dot (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dot_category_ts_idx ON perf.ptops_dot (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dot_host_ts_idx ON perf.ptops_dot (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_dot_interface_address_idx ON perf.ptops_dot (interface_address, bundle_id, ts DESC) WHERE interface_address IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_doh_bundle_ts_idx ON perf.ptops_doh (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_doh_category_ts_idx ON perf.ptops_doh (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_doh_host_ts_idx ON perf.ptops_doh (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_doh_interface_address_idx ON perf.ptops_doh (interface_address, bundle_id, ts DESC) WHERE interface_address IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_tcp_dca_bundle_ts_idx ON perf.ptops_tcp_dca (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_tcp_dca_category_ts_idx ON perf.ptops_tcp_dca (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_tcp_dca_host_ts_idx ON perf.ptops_tcp_dca (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_tcp_dca_interface_address_idx ON perf.ptops_tcp_dca (interface_address, bundle_id, ts DESC) WHERE interface_address IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_imcapi_req_bundle_ts_idx ON perf.ptops_imcapi_req (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_req_category_ts_idx ON perf.ptops_imcapi_req (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_req_host_ts_idx ON perf.ptops_imcapi_req (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_resp_bundle_ts_idx ON perf.ptops_imcapi_resp (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_resp_category_ts_idx ON perf.ptops_imcapi_resp (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_resp_host_ts_idx ON perf.ptops_imcapi_resp (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcapi_resp_request_type_idx ON perf.ptops_imcapi_resp (request_type, bundle_id, ts DESC) WHERE request_type IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_imcdr_nodes_bundle_ts_idx ON perf.ptops_imcdr_nodes (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_nodes_category_ts_idx ON perf.ptops_imcdr_nodes (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_nodes_host_ts_idx ON perf.ptops_imcdr_nodes (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_events_bundle_ts_idx ON perf.ptops_imcdr_events (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_events_category_ts_idx ON perf.ptops_imcdr_events (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_events_host_ts_idx ON perf.ptops_imcdr_events (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_conn_bundle_ts_idx ON perf.ptops_imcdr_conn (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_conn_category_ts_idx ON perf.ptops_imcdr_conn (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_conn_host_ts_idx ON perf.ptops_imcdr_conn (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frr_bundle_ts_idx ON perf.ptops_imcdr_frr (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frr_category_ts_idx ON perf.ptops_imcdr_frr (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frr_host_ts_idx ON perf.ptops_imcdr_frr (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frr_peer_ip_idx ON perf.ptops_imcdr_frr (peer_ip, bundle_id, ts DESC) WHERE peer_ip IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_imcdr_frs_bundle_ts_idx ON perf.ptops_imcdr_frs (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frs_category_ts_idx ON perf.ptops_imcdr_frs (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frs_host_ts_idx ON perf.ptops_imcdr_frs (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_frs_peer_ip_idx ON perf.ptops_imcdr_frs (peer_ip, bundle_id, ts DESC) WHERE peer_ip IS NOT NULL;
CREATE INDEX IF NOT EXISTS ptops_imcdr_mem_bundle_ts_idx ON perf.ptops_imcdr_mem (bundle_id, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_mem_category_ts_idx ON perf.ptops_imcdr_mem (metric_category, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_imcdr_mem_host_ts_idx ON perf.ptops_imcdr_mem (host, ts DESC);
CREATE INDEX IF NOT EXISTS ptops_text_records_bundle_line_idx ON perf.ptops_text_records (bundle_id, file_name, line_no);
CREATE INDEX IF NOT EXISTS ptops_text_records_prefix_ts_idx ON perf.ptops_text_records (bundle_id, prefix, ts);

-- Compression (no retention policy: retention is by bundle load age, done by ingestion)
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_cpu' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_cpu SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, cpu', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_cpu', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_cpu', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_mem' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_mem SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_mem', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_mem', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_disk' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_disk SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, device, disk_index', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_disk', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_disk', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_net' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_net SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, interface', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_net', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_net', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_net_ifstat' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_net_ifstat SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, interface', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_net_ifstat', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_net_ifstat', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_node' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_node SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, node', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_node', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_node', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_buddy' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_buddy SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, node, zone', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_buddy', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_buddy', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_slab' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_slab SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, cache', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_slab', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_slab', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_balloon' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_balloon SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_balloon', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_balloon', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_udp' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_udp SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, local_address, local_port, remote_address, remote_port, inode', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_udp', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_udp', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_snmp_ip' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_snmp_ip SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_snmp_ip', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_snmp_ip', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_snmp_udp' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_snmp_udp SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_snmp_udp', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_snmp_udp', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_top' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_top SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, pid, ppid, exec, container_id, container_pid, container_name', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_top', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_top', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_smaps' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_smaps SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, pid, command', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_smaps', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_smaps', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_dbwr' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_dbwr SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, bucket', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_dbwr', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_dbwr', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_dbwa' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_dbwa SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, bucket', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_dbwa', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_dbwa', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_dbrd' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_dbrd SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, bucket', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_dbrd', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_dbrd', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_dbmpool' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_dbmpool SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_dbmpool', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_dbmpool', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_ccpu' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_ccpu SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, container_id, container_name, cpu', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_ccpu', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_ccpu', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_cmem' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_cmem SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, container_id, container_name', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_cmem', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_cmem', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_cdisk' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_cdisk SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, container_id, container_name, device, device_major', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_cdisk', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_cdisk', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_mbuf' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_mbuf SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_mbuf', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_mbuf', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_ports' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_ports SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, port', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_ports', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_ports', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_proxy' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_proxy SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, msp_index', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_proxy', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_proxy', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_prefetch' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_prefetch SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_prefetch', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_prefetch', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_dca' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_dca SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_dca', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_dca', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_rrstats' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_rrstats SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_rrstats', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_rrstats', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_dncr' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_dncr SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_dncr', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_dncr', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_vlstats' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_vlstats SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_vlstats', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_vlstats', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_status' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_status SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_status', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_status', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_cpu' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_cpu SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, cpu', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_cpu', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_cpu', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_fp_packets' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_fp_packets SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_fp_packets', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_fp_packets', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_dot' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_dot SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, interface_address, protocol', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_dot', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_dot', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_doh' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_doh SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, interface_address', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_doh', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_doh', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_tcp_dca' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_tcp_dca SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, interface_address', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_tcp_dca', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_tcp_dca', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcapi_req' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcapi_req SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcapi_req', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcapi_req', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcapi_resp' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcapi_resp SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, request_type, response_type', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcapi_resp', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcapi_resp', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_nodes' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_nodes SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_nodes', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_nodes', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_events' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_events SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_events', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_events', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_conn' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_conn SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_conn', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_conn', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_frr' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_frr SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, phys_oid, peer_ip', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_frr', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_frr', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_frs' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_frs SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id, phys_oid, peer_ip', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_frs', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_frs', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM timescaledb_information.hypertables
                 WHERE hypertable_schema = 'perf' AND hypertable_name = 'ptops_imcdr_mem' AND compression_enabled) THEN
    ALTER TABLE perf.ptops_imcdr_mem SET (timescaledb.compress, timescaledb.compress_segmentby = 'bundle_id', timescaledb.compress_orderby = 'ts');
  END IF;
  IF (SELECT pg_catalog.string_to_array(pg_catalog.split_part(extversion, '-', 1), '.')::int[] >= ARRAY[2, 15]
      FROM pg_catalog.pg_extension WHERE extname = 'timescaledb') THEN
    PERFORM add_compression_policy('perf.ptops_imcdr_mem', compress_created_before => INTERVAL '7 days', if_not_exists => TRUE);
  ELSE
    PERFORM add_compression_policy('perf.ptops_imcdr_mem', compress_after => INTERVAL '7 days', if_not_exists => TRUE);
  END IF;
END
$do$;

-- One view per metric
CREATE OR REPLACE VIEW perf.cpu_utilization AS
  SELECT ts, utilization AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE utilization IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_idle_percent AS
  SELECT ts, idle_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE idle_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_iowait_percent AS
  SELECT ts, iowait_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE iowait_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_user_percent AS
  SELECT ts, user_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE user_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_system_percent AS
  SELECT ts, system_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE system_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_nice_percent AS
  SELECT ts, nice_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE nice_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_irq_percent AS
  SELECT ts, irq_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE irq_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cpu_softirq_percent AS
  SELECT ts, softirq_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_cpu WHERE softirq_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_total_bytes AS
  SELECT ts, total_bytes AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE total_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_free_percent AS
  SELECT ts, free_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE free_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_buffers_percent AS
  SELECT ts, buffers_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE buffers_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_cached_percent AS
  SELECT ts, cached_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE cached_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_slab_percent AS
  SELECT ts, slab_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE slab_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_anon_percent AS
  SELECT ts, anon_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE anon_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_sysv_shm_percent AS
  SELECT ts, sysv_shm_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE sysv_shm_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_swap_used_percent AS
  SELECT ts, swap_used_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE swap_used_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_swap_total_bytes AS
  SELECT ts, swap_total_bytes AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE swap_total_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_hugepages_total AS
  SELECT ts, hugepages_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE hugepages_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_hugepages_free AS
  SELECT ts, hugepages_free AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE hugepages_free IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_available_percent AS
  SELECT ts, available_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE available_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_pgpgin_per_sec AS
  SELECT ts, pgpgin_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE pgpgin_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_pgpgout_per_sec AS
  SELECT ts, pgpgout_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE pgpgout_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_swapin_per_sec AS
  SELECT ts, swapin_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE swapin_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.mem_swapout_per_sec AS
  SELECT ts, swapout_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_mem WHERE swapout_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_reads_per_sec AS
  SELECT ts, reads_per_sec AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE reads_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_read_kb_per_sec AS
  SELECT ts, read_kb_per_sec AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE read_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_read_avg_kb AS
  SELECT ts, read_avg_kb AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE read_avg_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_read_avg_ms AS
  SELECT ts, read_avg_ms AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE read_avg_ms IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_writes_per_sec AS
  SELECT ts, writes_per_sec AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE writes_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_write_kb_per_sec AS
  SELECT ts, write_kb_per_sec AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE write_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_write_avg_kb AS
  SELECT ts, write_avg_kb AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE write_avg_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_write_avg_ms AS
  SELECT ts, write_avg_ms AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE write_avg_ms IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_service_time_ms AS
  SELECT ts, service_time_ms AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE service_time_ms IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_avg_queue_len AS
  SELECT ts, avg_queue_len AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE avg_queue_len IS NOT NULL;
CREATE OR REPLACE VIEW perf.disk_busy_percent AS
  SELECT ts, busy_percent AS value, bundle_id, sptid, metric_category, host, device, disk_index
  FROM perf.ptops_disk WHERE busy_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_packets_per_sec AS
  SELECT ts, rx_packets_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE rx_packets_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_kb_per_sec AS
  SELECT ts, rx_kb_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE rx_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_packets_per_sec AS
  SELECT ts, tx_packets_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE tx_packets_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_kb_per_sec AS
  SELECT ts, tx_kb_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE tx_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_drops_per_sec AS
  SELECT ts, rx_drops_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE rx_drops_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_drops_per_sec AS
  SELECT ts, tx_drops_per_sec AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net WHERE tx_drops_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_packets_total AS
  SELECT ts, rx_packets_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE rx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_bytes_total AS
  SELECT ts, rx_bytes_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE rx_bytes_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_packets_total AS
  SELECT ts, tx_packets_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE tx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_bytes_total AS
  SELECT ts, tx_bytes_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE tx_bytes_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_rx_dropped_packets_total AS
  SELECT ts, rx_dropped_packets_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE rx_dropped_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.net_tx_dropped_packets_total AS
  SELECT ts, tx_dropped_packets_total AS value, bundle_id, sptid, metric_category, host, interface
  FROM perf.ptops_net_ifstat WHERE tx_dropped_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.node_total_bytes AS
  SELECT ts, total_bytes AS value, bundle_id, sptid, metric_category, host, node
  FROM perf.ptops_node WHERE total_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.node_free_percent AS
  SELECT ts, free_percent AS value, bundle_id, sptid, metric_category, host, node
  FROM perf.ptops_node WHERE free_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.node_used_percent AS
  SELECT ts, used_percent AS value, bundle_id, sptid, metric_category, host, node
  FROM perf.ptops_node WHERE used_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_total_free_bytes AS
  SELECT ts, total_free_bytes AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE total_free_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_avg_block_bytes AS
  SELECT ts, avg_block_bytes AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE avg_block_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_0 AS
  SELECT ts, free_blocks_order_0 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_0 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_1 AS
  SELECT ts, free_blocks_order_1 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_1 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_2 AS
  SELECT ts, free_blocks_order_2 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_2 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_3 AS
  SELECT ts, free_blocks_order_3 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_3 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_4 AS
  SELECT ts, free_blocks_order_4 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_4 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_5 AS
  SELECT ts, free_blocks_order_5 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_5 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_6 AS
  SELECT ts, free_blocks_order_6 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_6 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_7 AS
  SELECT ts, free_blocks_order_7 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_7 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_8 AS
  SELECT ts, free_blocks_order_8 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_8 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_9 AS
  SELECT ts, free_blocks_order_9 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_9 IS NOT NULL;
CREATE OR REPLACE VIEW perf.buddy_free_blocks_order_10 AS
  SELECT ts, free_blocks_order_10 AS value, bundle_id, sptid, metric_category, host, node, zone
  FROM perf.ptops_buddy WHERE free_blocks_order_10 IS NOT NULL;
CREATE OR REPLACE VIEW perf.slab_active_objects AS
  SELECT ts, active_objects AS value, bundle_id, sptid, metric_category, host, cache
  FROM perf.ptops_slab WHERE active_objects IS NOT NULL;
CREATE OR REPLACE VIEW perf.slab_total_objects AS
  SELECT ts, total_objects AS value, bundle_id, sptid, metric_category, host, cache
  FROM perf.ptops_slab WHERE total_objects IS NOT NULL;
CREATE OR REPLACE VIEW perf.slab_memory_mib AS
  SELECT ts, memory_mib AS value, bundle_id, sptid, metric_category, host, cache
  FROM perf.ptops_slab WHERE memory_mib IS NOT NULL;
CREATE OR REPLACE VIEW perf.slab_waste_percent AS
  SELECT ts, waste_percent AS value, bundle_id, sptid, metric_category, host, cache
  FROM perf.ptops_slab WHERE waste_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.balloon_memory_mb AS
  SELECT ts, memory_mb AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_balloon WHERE memory_mb IS NOT NULL;
CREATE OR REPLACE VIEW perf.udp_rx_queue_bytes AS
  SELECT ts, rx_queue_bytes AS value, bundle_id, sptid, metric_category, host, local_address, local_port, remote_address, remote_port, inode
  FROM perf.ptops_udp WHERE rx_queue_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.udp_tx_queue_bytes AS
  SELECT ts, tx_queue_bytes AS value, bundle_id, sptid, metric_category, host, local_address, local_port, remote_address, remote_port, inode
  FROM perf.ptops_udp WHERE tx_queue_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.udp_drops AS
  SELECT ts, drops AS value, bundle_id, sptid, metric_category, host, local_address, local_port, remote_address, remote_port, inode
  FROM perf.ptops_udp WHERE drops IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_in_receives_per_sec AS
  SELECT ts, in_receives_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE in_receives_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_delivered_per_sec AS
  SELECT ts, delivered_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE delivered_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_in_discards_per_sec AS
  SELECT ts, in_discards_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE in_discards_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_out_requests_per_sec AS
  SELECT ts, out_requests_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE out_requests_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_out_discards_per_sec AS
  SELECT ts, out_discards_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE out_discards_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_header_errors AS
  SELECT ts, header_errors AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE header_errors IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_address_errors AS
  SELECT ts, address_errors AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE address_errors IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_ip_unknown_protocol AS
  SELECT ts, unknown_protocol AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_ip WHERE unknown_protocol IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_in_datagrams_per_sec AS
  SELECT ts, in_datagrams_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE in_datagrams_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_out_datagrams_per_sec AS
  SELECT ts, out_datagrams_per_sec AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE out_datagrams_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_receive_buffer_errors AS
  SELECT ts, receive_buffer_errors AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE receive_buffer_errors IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_send_buffer_errors AS
  SELECT ts, send_buffer_errors AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE send_buffer_errors IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_no_ports AS
  SELECT ts, no_ports AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE no_ports IS NOT NULL;
CREATE OR REPLACE VIEW perf.snmp_udp_in_errors AS
  SELECT ts, in_errors AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_snmp_udp WHERE in_errors IS NOT NULL;
CREATE OR REPLACE VIEW perf.top_cpu_percent AS
  SELECT ts, cpu_percent AS value, bundle_id, sptid, metric_category, host, pid, ppid, exec, container_id, container_pid, container_name
  FROM perf.ptops_top WHERE cpu_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.top_total_cpu_seconds AS
  SELECT ts, total_cpu_seconds AS value, bundle_id, sptid, metric_category, host, pid, ppid, exec, container_id, container_pid, container_name
  FROM perf.ptops_top WHERE total_cpu_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.top_user_cpu_seconds AS
  SELECT ts, user_cpu_seconds AS value, bundle_id, sptid, metric_category, host, pid, ppid, exec, container_id, container_pid, container_name
  FROM perf.ptops_top WHERE user_cpu_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.top_system_cpu_seconds AS
  SELECT ts, system_cpu_seconds AS value, bundle_id, sptid, metric_category, host, pid, ppid, exec, container_id, container_pid, container_name
  FROM perf.ptops_top WHERE system_cpu_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.top_last_cpu AS
  SELECT ts, last_cpu AS value, bundle_id, sptid, metric_category, host, pid, ppid, exec, container_id, container_pid, container_name
  FROM perf.ptops_top WHERE last_cpu IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_vm_size_kb AS
  SELECT ts, vm_size_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE vm_size_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_rss_kb AS
  SELECT ts, rss_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE rss_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_rss_minus_shmem_kb AS
  SELECT ts, rss_minus_shmem_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE rss_minus_shmem_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_swap_kb AS
  SELECT ts, swap_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE swap_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_shared_total_kb AS
  SELECT ts, shared_total_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE shared_total_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_shared_dirty_kb AS
  SELECT ts, shared_dirty_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE shared_dirty_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_private_total_kb AS
  SELECT ts, private_total_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE private_total_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_private_dirty_kb AS
  SELECT ts, private_dirty_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE private_dirty_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_shmem_total_kb AS
  SELECT ts, shmem_total_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE shmem_total_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.smaps_shmem_dirty_kb AS
  SELECT ts, shmem_dirty_kb AS value, bundle_id, sptid, metric_category, host, pid, command
  FROM perf.ptops_smaps WHERE shmem_dirty_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbwr_bucket_count_total AS
  SELECT ts, bucket_count_total::double precision AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbwr WHERE bucket_count_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbwr_bucket_avg_latency_seconds AS
  SELECT ts, bucket_avg_latency_seconds AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbwr WHERE bucket_avg_latency_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbwa_bucket_count_total AS
  SELECT ts, bucket_count_total::double precision AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbwa WHERE bucket_count_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbwa_bucket_avg_latency_seconds AS
  SELECT ts, bucket_avg_latency_seconds AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbwa WHERE bucket_avg_latency_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbrd_bucket_count_total AS
  SELECT ts, bucket_count_total::double precision AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbrd WHERE bucket_count_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbrd_bucket_avg_latency_seconds AS
  SELECT ts, bucket_avg_latency_seconds AS value, bundle_id, sptid, metric_category, host, bucket
  FROM perf.ptops_dbrd WHERE bucket_avg_latency_seconds IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_cache_size_mib AS
  SELECT ts, cache_size_mib AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE cache_size_mib IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_total AS
  SELECT ts, pages_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_clean AS
  SELECT ts, pages_clean AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_clean IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_dirty AS
  SELECT ts, pages_dirty AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_dirty IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_created AS
  SELECT ts, pages_created AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_created IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_in AS
  SELECT ts, pages_in AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_in IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_out AS
  SELECT ts, pages_out AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_out IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_pages_alloc AS
  SELECT ts, pages_alloc AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE pages_alloc IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_cache_hits AS
  SELECT ts, cache_hits AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE cache_hits IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_cache_misses AS
  SELECT ts, cache_misses AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE cache_misses IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_ro_evicts AS
  SELECT ts, ro_evicts AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE ro_evicts IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_rw_evicts AS
  SELECT ts, rw_evicts AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE rw_evicts IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_buffers_frozen AS
  SELECT ts, buffers_frozen AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE buffers_frozen IS NOT NULL;
CREATE OR REPLACE VIEW perf.dbmpool_buffers_thawed AS
  SELECT ts, buffers_thawed AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_dbmpool WHERE buffers_thawed IS NOT NULL;
CREATE OR REPLACE VIEW perf.ccpu_user_percent AS
  SELECT ts, user_percent AS value, bundle_id, sptid, metric_category, host, container_id, container_name, cpu
  FROM perf.ptops_ccpu WHERE user_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.ccpu_system_percent AS
  SELECT ts, system_percent AS value, bundle_id, sptid, metric_category, host, container_id, container_name, cpu
  FROM perf.ptops_ccpu WHERE system_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_page_cache_kb AS
  SELECT ts, page_cache_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE page_cache_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_file_backed_kb AS
  SELECT ts, file_backed_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE file_backed_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_rss_kb AS
  SELECT ts, rss_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE rss_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_rss_huge_kb AS
  SELECT ts, rss_huge_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE rss_huge_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_shmem_kb AS
  SELECT ts, shmem_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE shmem_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_swap_kb AS
  SELECT ts, swap_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE swap_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_unevictable_kb AS
  SELECT ts, unevictable_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE unevictable_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_pgpgin_per_sec AS
  SELECT ts, pgpgin_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE pgpgin_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cmem_pgpgout_per_sec AS
  SELECT ts, pgpgout_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name
  FROM perf.ptops_cmem WHERE pgpgout_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_reads_per_sec AS
  SELECT ts, reads_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE reads_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_read_kb_per_sec AS
  SELECT ts, read_kb_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE read_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_read_avg_kb AS
  SELECT ts, read_avg_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE read_avg_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_writes_per_sec AS
  SELECT ts, writes_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE writes_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_write_kb_per_sec AS
  SELECT ts, write_kb_per_sec AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE write_kb_per_sec IS NOT NULL;
CREATE OR REPLACE VIEW perf.cdisk_write_avg_kb AS
  SELECT ts, write_avg_kb AS value, bundle_id, sptid, metric_category, host, container_id, container_name, device, device_major
  FROM perf.ptops_cdisk WHERE write_avg_kb IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpm_mbufs_in_use AS
  SELECT ts, mbufs_in_use AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_mbuf WHERE mbufs_in_use IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpm_mbufs_available AS
  SELECT ts, mbufs_available AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_mbuf WHERE mbufs_available IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpm_mbuf_utilization_percent AS
  SELECT ts, mbuf_utilization_percent AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_mbuf WHERE mbuf_utilization_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_packets_total AS
  SELECT ts, rx_packets_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_tx_packets_total AS
  SELECT ts, tx_packets_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE tx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_bytes_total AS
  SELECT ts, rx_bytes_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_bytes_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_tx_bytes_total AS
  SELECT ts, tx_bytes_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE tx_bytes_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_errors_total AS
  SELECT ts, rx_errors_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_errors_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_tx_errors_total AS
  SELECT ts, tx_errors_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE tx_errors_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_multicast_packets_total AS
  SELECT ts, rx_multicast_packets_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_multicast_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_missed_packets_total AS
  SELECT ts, rx_missed_packets_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_missed_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpports_rx_nombuf_drops_total AS
  SELECT ts, rx_nombuf_drops_total AS value, bundle_id, sptid, metric_category, host, port
  FROM perf.ptops_fp_ports WHERE rx_nombuf_drops_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_connected_cores AS
  SELECT ts, connected_cores AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE connected_cores IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_reconnects_total AS
  SELECT ts, reconnects_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE reconnects_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_queries_added_to_hash_total AS
  SELECT ts, queries_added_to_hash_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE queries_added_to_hash_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_active_queries AS
  SELECT ts, active_queries AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE active_queries IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_query_add_failures_total AS
  SELECT ts, query_add_failures_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE query_add_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_queries_passed_to_bind_total AS
  SELECT ts, queries_passed_to_bind_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE queries_passed_to_bind_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_query_timeouts_total AS
  SELECT ts, query_timeouts_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE query_timeouts_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_responses_from_msp_total AS
  SELECT ts, responses_from_msp_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE responses_from_msp_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_responses_sent_to_client_total AS
  SELECT ts, responses_sent_to_client_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE responses_sent_to_client_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_send_failures_total AS
  SELECT ts, response_send_failures_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_send_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_parse_status_failures_total AS
  SELECT ts, response_parse_status_failures_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_parse_status_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_parse_txid_failures_total AS
  SELECT ts, response_parse_txid_failures_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_parse_txid_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_txid_not_found_total AS
  SELECT ts, response_txid_not_found_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_txid_not_found_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_subid_empty_total AS
  SELECT ts, response_subid_empty_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_subid_empty_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_vip_not_found_total AS
  SELECT ts, response_vip_not_found_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_vip_not_found_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_hash_remove_failures_total AS
  SELECT ts, response_hash_remove_failures_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_hash_remove_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_pvipv6_not_found_total AS
  SELECT ts, response_pvipv6_not_found_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_pvipv6_not_found_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpprxy_response_pvipv4_not_found_total AS
  SELECT ts, response_pvipv4_not_found_total AS value, bundle_id, sptid, metric_category, host, msp_index
  FROM perf.ptops_fp_proxy WHERE response_pvipv4_not_found_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_timer_iterations_total AS
  SELECT ts, timer_iterations_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE timer_iterations_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_a_query_created_total AS
  SELECT ts, a_query_created_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE a_query_created_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_aaaa_query_mbuf_alloc_failures_total AS
  SELECT ts, aaaa_query_mbuf_alloc_failures_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE aaaa_query_mbuf_alloc_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_aaaa_query_created_total AS
  SELECT ts, aaaa_query_created_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE aaaa_query_created_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_a_query_mbuf_alloc_failures_total AS
  SELECT ts, a_query_mbuf_alloc_failures_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE a_query_mbuf_alloc_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_query_enqueue_failures_total AS
  SELECT ts, query_enqueue_failures_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE query_enqueue_failures_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_query_enqueued_total AS
  SELECT ts, query_enqueued_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE query_enqueued_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_a_response_handled_total AS
  SELECT ts, a_response_handled_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE a_response_handled_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fppref_aaaa_response_handled_total AS
  SELECT ts, aaaa_response_handled_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_prefetch WHERE aaaa_response_handled_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdca_queries_passed_to_bind_total AS
  SELECT ts, queries_passed_to_bind_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dca WHERE queries_passed_to_bind_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdca_pcp_queries_passed_to_bind_total AS
  SELECT ts, pcp_queries_passed_to_bind_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dca WHERE pcp_queries_passed_to_bind_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdca_non_cacheable_responses_total AS
  SELECT ts, non_cacheable_responses_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dca WHERE non_cacheable_responses_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_a_total AS
  SELECT ts, queries_a_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_a_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_aaaa_total AS
  SELECT ts, queries_aaaa_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_aaaa_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_mx_total AS
  SELECT ts, queries_mx_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_mx_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_ptr_total AS
  SELECT ts, queries_ptr_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_ptr_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_cname_total AS
  SELECT ts, queries_cname_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_cname_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_svcb_total AS
  SELECT ts, queries_svcb_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_svcb_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_https_total AS
  SELECT ts, queries_https_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_https_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_queries_other_total AS
  SELECT ts, queries_other_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE queries_other_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_a_total AS
  SELECT ts, responses_a_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_a_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_aaaa_total AS
  SELECT ts, responses_aaaa_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_aaaa_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_mx_total AS
  SELECT ts, responses_mx_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_mx_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_ptr_total AS
  SELECT ts, responses_ptr_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_ptr_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_cname_total AS
  SELECT ts, responses_cname_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_cname_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_svcb_total AS
  SELECT ts, responses_svcb_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_svcb_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_https_total AS
  SELECT ts, responses_https_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_https_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fprrstats_responses_other_total AS
  SELECT ts, responses_other_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_rrstats WHERE responses_other_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_non_edns0_queries_total AS
  SELECT ts, non_edns0_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE non_edns0_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_edns0_with_localid_total AS
  SELECT ts, edns0_with_localid_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE edns0_with_localid_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_edns0_with_policyid_total AS
  SELECT ts, edns0_with_policyid_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE edns0_with_policyid_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_edns0_unknown_options_total AS
  SELECT ts, edns0_unknown_options_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE edns0_unknown_options_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_subscriber_hits_total AS
  SELECT ts, subscriber_hits_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE subscriber_hits_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_policy_id_subscriber_hits_total AS
  SELECT ts, policy_id_subscriber_hits_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE policy_id_subscriber_hits_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_subscriber_ipv4_prefix_hits_total AS
  SELECT ts, subscriber_ipv4_prefix_hits_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE subscriber_ipv4_prefix_hits_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_subscriber_ipv6_prefix_hits_total AS
  SELECT ts, subscriber_ipv6_prefix_hits_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE subscriber_ipv6_prefix_hits_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_subscriber_pcp_violations_total AS
  SELECT ts, subscriber_pcp_violations_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE subscriber_pcp_violations_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpdncr_subscriber_wpcp_violations_total AS
  SELECT ts, subscriber_wpcp_violations_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_dncr WHERE subscriber_wpcp_violations_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_fastpath_pcp_queries_total AS
  SELECT ts, fastpath_pcp_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE fastpath_pcp_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_fastpath_wpcp_queries_total AS
  SELECT ts, fastpath_wpcp_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE fastpath_wpcp_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_fastpath_blacklist_queries_total AS
  SELECT ts, fastpath_blacklist_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE fastpath_blacklist_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_fastpath_block_all_queries_total AS
  SELECT ts, fastpath_block_all_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE fastpath_block_all_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_pcp_queries_total AS
  SELECT ts, named_pcp_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_pcp_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_wpcp_queries_total AS
  SELECT ts, named_wpcp_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_wpcp_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_blacklist_queries_total AS
  SELECT ts, named_blacklist_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_blacklist_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_rpz_queries_total AS
  SELECT ts, named_rpz_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_rpz_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_block_all_queries_total AS
  SELECT ts, named_block_all_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_block_all_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_device_discovery_queries_total AS
  SELECT ts, named_device_discovery_queries_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_device_discovery_queries_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_fastpath_violations_total AS
  SELECT ts, fastpath_violations_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE fastpath_violations_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpvlstats_named_violations_total AS
  SELECT ts, named_violations_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_vlstats WHERE named_violations_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_incoming_dns_packets AS
  SELECT ts, incoming_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE incoming_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_outgoing_dns_packets AS
  SELECT ts, outgoing_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE outgoing_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_dropped_dns_packets AS
  SELECT ts, dropped_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE dropped_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_missed_dns_packets AS
  SELECT ts, missed_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE missed_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_hit_dns_packets AS
  SELECT ts, hit_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE hit_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fps_bypass_dns_packets AS
  SELECT ts, bypass_dns_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_status WHERE bypass_dns_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpc_cpu_busy_percent AS
  SELECT ts, cpu_busy_percent AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_fp_cpu WHERE cpu_busy_percent IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpc_cycles_total AS
  SELECT ts, cycles_total AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_fp_cpu WHERE cycles_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpc_cycles_per_packet AS
  SELECT ts, cycles_per_packet AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_fp_cpu WHERE cycles_per_packet IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpc_cycles_ic_pkt AS
  SELECT ts, cycles_ic_pkt AS value, bundle_id, sptid, metric_category, host, cpu
  FROM perf.ptops_fp_cpu WHERE cycles_ic_pkt IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpp_total_cycles AS
  SELECT ts, total_cycles AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_packets WHERE total_cycles IS NOT NULL;
CREATE OR REPLACE VIEW perf.fpp_total_packets AS
  SELECT ts, total_packets AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_fp_packets WHERE total_packets IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_interfaces AS
  SELECT ts, interfaces AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE interfaces IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_rx_packets_total AS
  SELECT ts, rx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE rx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_tx_packets_total AS
  SELECT ts, tx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE tx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_dropped_packets_total AS
  SELECT ts, dropped_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE dropped_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_queue_drops_total AS
  SELECT ts, queue_drops_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE queue_drops_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_opened_sessions_total AS
  SELECT ts, opened_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE opened_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_closed_sessions_total AS
  SELECT ts, closed_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE closed_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.dot_active_sessions AS
  SELECT ts, active_sessions AS value, bundle_id, sptid, metric_category, host, interface_address, protocol
  FROM perf.ptops_dot WHERE active_sessions IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_interfaces AS
  SELECT ts, interfaces AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE interfaces IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_rx_packets_total AS
  SELECT ts, rx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE rx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_tx_packets_total AS
  SELECT ts, tx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE tx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_dropped_packets_total AS
  SELECT ts, dropped_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE dropped_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_queue_drops_total AS
  SELECT ts, queue_drops_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE queue_drops_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_opened_sessions_total AS
  SELECT ts, opened_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE opened_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_closed_sessions_total AS
  SELECT ts, closed_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE closed_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.doh_active_sessions AS
  SELECT ts, active_sessions AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_doh WHERE active_sessions IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_interfaces AS
  SELECT ts, interfaces AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE interfaces IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_rx_packets_total AS
  SELECT ts, rx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE rx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_tx_packets_total AS
  SELECT ts, tx_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE tx_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_dropped_packets_total AS
  SELECT ts, dropped_packets_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE dropped_packets_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_queue_drops_total AS
  SELECT ts, queue_drops_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE queue_drops_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_opened_sessions_total AS
  SELECT ts, opened_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE opened_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_closed_sessions_total AS
  SELECT ts, closed_sessions_total AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE closed_sessions_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.tcp_dca_active_sessions AS
  SELECT ts, active_sessions AS value, bundle_id, sptid, metric_category, host, interface_address
  FROM perf.ptops_tcp_dca WHERE active_sessions IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_requests_total AS
  SELECT ts, requests_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE requests_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_unspecified_total AS
  SELECT ts, unspecified_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE unspecified_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_count_total AS
  SELECT ts, sub_count_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_count_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_create_total AS
  SELECT ts, sub_create_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_create_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_update_total AS
  SELECT ts, sub_update_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_update_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_delete_total AS
  SELECT ts, sub_delete_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_delete_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_unspecified_mod_total AS
  SELECT ts, unspecified_mod_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE unspecified_mod_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_add_info_total AS
  SELECT ts, sub_add_info_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_add_info_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_update_info_total AS
  SELECT ts, sub_update_info_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_update_info_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_req_sub_update_policy_total AS
  SELECT ts, sub_update_policy_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcapi_req WHERE sub_update_policy_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcapi_resp_responses_total AS
  SELECT ts, responses_total AS value, bundle_id, sptid, metric_category, host, request_type, response_type
  FROM perf.ptops_imcapi_resp WHERE responses_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_nodes_node_count AS
  SELECT ts, node_count AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_nodes WHERE node_count IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_nodes_peer_count AS
  SELECT ts, peer_count AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_nodes WHERE peer_count IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_add_peer_total AS
  SELECT ts, add_peer_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE add_peer_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_add_client_total AS
  SELECT ts, add_client_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE add_client_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_add_sent_peer_total AS
  SELECT ts, add_sent_peer_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE add_sent_peer_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_del_peer_total AS
  SELECT ts, del_peer_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE del_peer_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_del_sent_peer_total AS
  SELECT ts, del_sent_peer_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE del_sent_peer_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_del_client_gc_total AS
  SELECT ts, del_client_gc_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE del_client_gc_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_add_sent_snoopers_total AS
  SELECT ts, add_sent_snoopers_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE add_sent_snoopers_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_del_sent_snoopers_total AS
  SELECT ts, del_sent_snoopers_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE del_sent_snoopers_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_total_recv_total AS
  SELECT ts, total_recv_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE total_recv_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_total_sent_total AS
  SELECT ts, total_sent_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE total_sent_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_events_total_cache_events_total AS
  SELECT ts, total_cache_events_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_events WHERE total_cache_events_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_closed_hung_total AS
  SELECT ts, closed_hung_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE closed_hung_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_add_on_start_total AS
  SELECT ts, add_on_start_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE add_on_start_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_close_on_exit_total AS
  SELECT ts, close_on_exit_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE close_on_exit_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_close_send_err_total AS
  SELECT ts, close_send_err_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE close_send_err_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_close_recv_err_total AS
  SELECT ts, close_recv_err_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE close_recv_err_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_close_access_denied_total AS
  SELECT ts, close_access_denied_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE close_access_denied_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_add_peer_conn_total AS
  SELECT ts, add_peer_conn_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE add_peer_conn_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_conn_close_on_exit_repo_total AS
  SELECT ts, close_on_exit_repo_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_conn WHERE close_on_exit_repo_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frr_timeout_replies_total AS
  SELECT ts, timeout_replies_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frr WHERE timeout_replies_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frr_conn_lost_total AS
  SELECT ts, conn_lost_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frr WHERE conn_lost_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frr_successful_loads_total AS
  SELECT ts, successful_loads_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frr WHERE successful_loads_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frr_null_cache_replies_total AS
  SELECT ts, null_cache_replies_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frr WHERE null_cache_replies_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frr_unknown_cache_replies_total AS
  SELECT ts, unknown_cache_replies_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frr WHERE unknown_cache_replies_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frs_fd AS
  SELECT ts, fd AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frs WHERE fd IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_frs_events_sent_total AS
  SELECT ts, events_sent_total AS value, bundle_id, sptid, metric_category, host, phys_oid, peer_ip
  FROM perf.ptops_imcdr_frs WHERE events_sent_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_hash_init_bytes AS
  SELECT ts, hash_init_bytes AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE hash_init_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_reserved_bytes AS
  SELECT ts, reserved_bytes AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE reserved_bytes IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_alloc_calls_total AS
  SELECT ts, alloc_calls_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE alloc_calls_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_dealloc_bytes_total AS
  SELECT ts, dealloc_bytes_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE dealloc_bytes_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_dealloc_calls_total AS
  SELECT ts, dealloc_calls_total AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE dealloc_calls_total IS NOT NULL;
CREATE OR REPLACE VIEW perf.imcdr_mem_record_count AS
  SELECT ts, record_count AS value, bundle_id, sptid, metric_category, host
  FROM perf.ptops_imcdr_mem WHERE record_count IS NOT NULL;

-- Alias views for legacy names
CREATE OR REPLACE VIEW perf.cpu_utilization_percent AS SELECT * FROM perf.cpu_utilization;
CREATE OR REPLACE VIEW perf.cpu_hardirq_percent AS SELECT * FROM perf.cpu_irq_percent;
CREATE OR REPLACE VIEW perf.disk_read_kib_per_sec AS SELECT * FROM perf.disk_read_kb_per_sec;
CREATE OR REPLACE VIEW perf.disk_write_kib_per_sec AS SELECT * FROM perf.disk_write_kb_per_sec;
CREATE OR REPLACE VIEW perf.net_rk_packets_per_sec AS SELECT * FROM perf.net_rx_packets_per_sec;
CREATE OR REPLACE VIEW perf.net_rk_kib_per_sec AS SELECT * FROM perf.net_rx_kb_per_sec;
CREATE OR REPLACE VIEW perf.net_tk_packets_per_sec AS SELECT * FROM perf.net_tx_packets_per_sec;
CREATE OR REPLACE VIEW perf.net_tk_kib_per_sec AS SELECT * FROM perf.net_tx_kb_per_sec;
CREATE OR REPLACE VIEW perf.net_rd_drops_per_sec AS SELECT * FROM perf.net_rx_drops_per_sec;
CREATE OR REPLACE VIEW perf.net_td_drops_per_sec AS SELECT * FROM perf.net_tx_drops_per_sec;
CREATE OR REPLACE VIEW perf.fpm_muc AS SELECT * FROM perf.fpm_mbufs_in_use;
CREATE OR REPLACE VIEW perf.fpports_ip_total AS SELECT * FROM perf.fpports_rx_packets_total;

-- Catalog rows
INSERT INTO perf.table_schemas AS t (table_name, record_group, metric_category, global_columns, local_columns, metric_columns) VALUES
  ('ptops_cpu', 'CPU', 'cpu', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"cpu":"text"}'::jsonb, '{"utilization":"double precision","idle_percent":"double precision","iowait_percent":"double precision","user_percent":"double precision","system_percent":"double precision","nice_percent":"double precision","irq_percent":"double precision","softirq_percent":"double precision"}'::jsonb),
  ('ptops_mem', 'MEM', 'memory', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"total_bytes":"double precision","free_percent":"double precision","buffers_percent":"double precision","cached_percent":"double precision","slab_percent":"double precision","anon_percent":"double precision","sysv_shm_percent":"double precision","swap_used_percent":"double precision","swap_total_bytes":"double precision","hugepages_total":"double precision","hugepages_free":"double precision","available_percent":"double precision","pgpgin_per_sec":"double precision","pgpgout_per_sec":"double precision","swapin_per_sec":"double precision","swapout_per_sec":"double precision"}'::jsonb),
  ('ptops_disk', 'DISK', 'disk', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"device":"text","disk_index":"text"}'::jsonb, '{"reads_per_sec":"double precision","read_kb_per_sec":"double precision","read_avg_kb":"double precision","read_avg_ms":"double precision","writes_per_sec":"double precision","write_kb_per_sec":"double precision","write_avg_kb":"double precision","write_avg_ms":"double precision","service_time_ms":"double precision","avg_queue_len":"double precision","busy_percent":"double precision"}'::jsonb),
  ('ptops_net', 'NET', 'network', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"interface":"text"}'::jsonb, '{"rx_packets_per_sec":"double precision","rx_kb_per_sec":"double precision","tx_packets_per_sec":"double precision","tx_kb_per_sec":"double precision","rx_drops_per_sec":"double precision","tx_drops_per_sec":"double precision"}'::jsonb),
  ('ptops_net_ifstat', 'NET ifstat', 'network', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"interface":"text"}'::jsonb, '{"rx_packets_total":"double precision","rx_bytes_total":"double precision","tx_packets_total":"double precision","tx_bytes_total":"double precision","rx_dropped_packets_total":"double precision","tx_dropped_packets_total":"double precision"}'::jsonb),
  ('ptops_node', 'NODE', 'memory', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"node":"text"}'::jsonb, '{"total_bytes":"double precision","free_percent":"double precision","used_percent":"double precision"}'::jsonb),
  ('ptops_buddy', 'BUDDY', 'memory', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"node":"text","zone":"text"}'::jsonb, '{"total_free_bytes":"double precision","avg_block_bytes":"double precision","free_blocks_order_0":"double precision","free_blocks_order_1":"double precision","free_blocks_order_2":"double precision","free_blocks_order_3":"double precision","free_blocks_order_4":"double precision","free_blocks_order_5":"double precision","free_blocks_order_6":"double precision","free_blocks_order_7":"double precision","free_blocks_order_8":"double precision","free_blocks_order_9":"double precision","free_blocks_order_10":"double precision"}'::jsonb),
  ('ptops_slab', 'SLAB', 'memory', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"cache":"text"}'::jsonb, '{"active_objects":"double precision","total_objects":"double precision","memory_mib":"double precision","waste_percent":"double precision"}'::jsonb),
  ('ptops_balloon', 'BALLOON', 'memory', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"memory_mb":"double precision"}'::jsonb),
  ('ptops_udp', 'UDP', 'network', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"local_address":"text","local_port":"text","remote_address":"text","remote_port":"text","inode":"text"}'::jsonb, '{"rx_queue_bytes":"double precision","tx_queue_bytes":"double precision","drops":"double precision"}'::jsonb),
  ('ptops_snmp_ip', 'SNMP.Ip', 'network', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"in_receives_per_sec":"double precision","delivered_per_sec":"double precision","in_discards_per_sec":"double precision","out_requests_per_sec":"double precision","out_discards_per_sec":"double precision","header_errors":"double precision","address_errors":"double precision","unknown_protocol":"double precision"}'::jsonb),
  ('ptops_snmp_udp', 'SNMP.Udp', 'network', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"in_datagrams_per_sec":"double precision","out_datagrams_per_sec":"double precision","receive_buffer_errors":"double precision","send_buffer_errors":"double precision","no_ports":"double precision","in_errors":"double precision"}'::jsonb),
  ('ptops_top', 'TOP', 'process', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"pid":"text","ppid":"text","exec":"text","container_id":"text","container_pid":"text","container_name":"text"}'::jsonb, '{"cpu_percent":"double precision","total_cpu_seconds":"double precision","user_cpu_seconds":"double precision","system_cpu_seconds":"double precision","last_cpu":"double precision"}'::jsonb),
  ('ptops_smaps', 'SMAPS', 'memory_map', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"pid":"text","command":"text"}'::jsonb, '{"vm_size_kb":"double precision","rss_kb":"double precision","rss_minus_shmem_kb":"double precision","swap_kb":"double precision","shared_total_kb":"double precision","shared_dirty_kb":"double precision","private_total_kb":"double precision","private_dirty_kb":"double precision","shmem_total_kb":"double precision","shmem_dirty_kb":"double precision"}'::jsonb),
  ('ptops_dbwr', 'DBWR', 'db_histogram', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"bucket":"text"}'::jsonb, '{"bucket_count_total":"bigint","bucket_avg_latency_seconds":"double precision"}'::jsonb),
  ('ptops_dbwa', 'DBWA', 'db_histogram', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"bucket":"text"}'::jsonb, '{"bucket_count_total":"bigint","bucket_avg_latency_seconds":"double precision"}'::jsonb),
  ('ptops_dbrd', 'DBRD', 'db_histogram', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"bucket":"text"}'::jsonb, '{"bucket_count_total":"bigint","bucket_avg_latency_seconds":"double precision"}'::jsonb),
  ('ptops_dbmpool', 'DBMPOOL', 'db', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"cache_size_mib":"double precision","pages_total":"double precision","pages_clean":"double precision","pages_dirty":"double precision","pages_created":"double precision","pages_in":"double precision","pages_out":"double precision","pages_alloc":"double precision","cache_hits":"double precision","cache_misses":"double precision","ro_evicts":"double precision","rw_evicts":"double precision","buffers_frozen":"double precision","buffers_thawed":"double precision"}'::jsonb),
  ('ptops_ccpu', 'CCPU', 'container', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"container_id":"text","container_name":"text","cpu":"text"}'::jsonb, '{"user_percent":"double precision","system_percent":"double precision"}'::jsonb),
  ('ptops_cmem', 'CMEM', 'container', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"container_id":"text","container_name":"text"}'::jsonb, '{"page_cache_kb":"double precision","file_backed_kb":"double precision","rss_kb":"double precision","rss_huge_kb":"double precision","shmem_kb":"double precision","swap_kb":"double precision","unevictable_kb":"double precision","pgpgin_per_sec":"double precision","pgpgout_per_sec":"double precision"}'::jsonb),
  ('ptops_cdisk', 'CDISK', 'container', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"container_id":"text","container_name":"text","device":"text","device_major":"text"}'::jsonb, '{"reads_per_sec":"double precision","read_kb_per_sec":"double precision","read_avg_kb":"double precision","writes_per_sec":"double precision","write_kb_per_sec":"double precision","write_avg_kb":"double precision"}'::jsonb),
  ('ptops_fp_mbuf', 'FPMBUF', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"mbufs_in_use":"double precision","mbufs_available":"double precision","mbuf_utilization_percent":"double precision"}'::jsonb),
  ('ptops_fp_ports', 'FPPORTS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"port":"text"}'::jsonb, '{"rx_packets_total":"double precision","tx_packets_total":"double precision","rx_bytes_total":"double precision","tx_bytes_total":"double precision","rx_errors_total":"double precision","tx_errors_total":"double precision","rx_multicast_packets_total":"double precision","rx_missed_packets_total":"double precision","rx_nombuf_drops_total":"double precision"}'::jsonb),
  ('ptops_fp_proxy', 'FPPRXY', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"msp_index":"text"}'::jsonb, '{"connected_cores":"double precision","reconnects_total":"double precision","queries_added_to_hash_total":"double precision","active_queries":"double precision","query_add_failures_total":"double precision","queries_passed_to_bind_total":"double precision","query_timeouts_total":"double precision","responses_from_msp_total":"double precision","responses_sent_to_client_total":"double precision","response_send_failures_total":"double precision","response_parse_status_failures_total":"double precision","response_parse_txid_failures_total":"double precision","response_txid_not_found_total":"double precision","response_subid_empty_total":"double precision","response_vip_not_found_total":"double precision","response_hash_remove_failures_total":"double precision","response_pvipv6_not_found_total":"double precision","response_pvipv4_not_found_total":"double precision"}'::jsonb),
  ('ptops_fp_prefetch', 'FPPREF', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"timer_iterations_total":"double precision","a_query_created_total":"double precision","aaaa_query_mbuf_alloc_failures_total":"double precision","aaaa_query_created_total":"double precision","a_query_mbuf_alloc_failures_total":"double precision","query_enqueue_failures_total":"double precision","query_enqueued_total":"double precision","a_response_handled_total":"double precision","aaaa_response_handled_total":"double precision"}'::jsonb),
  ('ptops_fp_dca', 'FPDCA', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"queries_passed_to_bind_total":"double precision","pcp_queries_passed_to_bind_total":"double precision","non_cacheable_responses_total":"double precision"}'::jsonb),
  ('ptops_fp_rrstats', 'FPRRSTATS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"queries_a_total":"double precision","queries_aaaa_total":"double precision","queries_mx_total":"double precision","queries_ptr_total":"double precision","queries_cname_total":"double precision","queries_svcb_total":"double precision","queries_https_total":"double precision","queries_other_total":"double precision","responses_a_total":"double precision","responses_aaaa_total":"double precision","responses_mx_total":"double precision","responses_ptr_total":"double precision","responses_cname_total":"double precision","responses_svcb_total":"double precision","responses_https_total":"double precision","responses_other_total":"double precision"}'::jsonb),
  ('ptops_fp_dncr', 'FPDNCR', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"non_edns0_queries_total":"double precision","edns0_with_localid_total":"double precision","edns0_with_policyid_total":"double precision","edns0_unknown_options_total":"double precision","subscriber_hits_total":"double precision","policy_id_subscriber_hits_total":"double precision","subscriber_ipv4_prefix_hits_total":"double precision","subscriber_ipv6_prefix_hits_total":"double precision","subscriber_pcp_violations_total":"double precision","subscriber_wpcp_violations_total":"double precision"}'::jsonb),
  ('ptops_fp_vlstats', 'FPVLSTATS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"fastpath_pcp_queries_total":"double precision","fastpath_wpcp_queries_total":"double precision","fastpath_blacklist_queries_total":"double precision","fastpath_block_all_queries_total":"double precision","named_pcp_queries_total":"double precision","named_wpcp_queries_total":"double precision","named_blacklist_queries_total":"double precision","named_rpz_queries_total":"double precision","named_block_all_queries_total":"double precision","named_device_discovery_queries_total":"double precision","fastpath_violations_total":"double precision","named_violations_total":"double precision"}'::jsonb),
  ('ptops_fp_status', 'FPS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"incoming_dns_packets":"double precision","outgoing_dns_packets":"double precision","dropped_dns_packets":"double precision","missed_dns_packets":"double precision","hit_dns_packets":"double precision","bypass_dns_packets":"double precision"}'::jsonb),
  ('ptops_fp_cpu', 'FPC', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"cpu":"text"}'::jsonb, '{"cpu_busy_percent":"double precision","cycles_total":"double precision","cycles_per_packet":"double precision","cycles_ic_pkt":"double precision"}'::jsonb),
  ('ptops_fp_packets', 'FPP', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"total_cycles":"double precision","total_packets":"double precision"}'::jsonb),
  ('ptops_dot', 'DOT_STAT', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"interface_address":"text","protocol":"text"}'::jsonb, '{"interfaces":"double precision","rx_packets_total":"double precision","tx_packets_total":"double precision","dropped_packets_total":"double precision","queue_drops_total":"double precision","opened_sessions_total":"double precision","closed_sessions_total":"double precision","active_sessions":"double precision"}'::jsonb),
  ('ptops_doh', 'DOH_STAT', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"interface_address":"text"}'::jsonb, '{"interfaces":"double precision","rx_packets_total":"double precision","tx_packets_total":"double precision","dropped_packets_total":"double precision","queue_drops_total":"double precision","opened_sessions_total":"double precision","closed_sessions_total":"double precision","active_sessions":"double precision"}'::jsonb),
  ('ptops_tcp_dca', 'TCP_DCA_STAT', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"interface_address":"text"}'::jsonb, '{"interfaces":"double precision","rx_packets_total":"double precision","tx_packets_total":"double precision","dropped_packets_total":"double precision","queue_drops_total":"double precision","opened_sessions_total":"double precision","closed_sessions_total":"double precision","active_sessions":"double precision"}'::jsonb),
  ('ptops_imcapi_req', 'IMCAPI_REQ', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"requests_total":"double precision","unspecified_total":"double precision","sub_count_total":"double precision","sub_create_total":"double precision","sub_update_total":"double precision","sub_delete_total":"double precision","unspecified_mod_total":"double precision","sub_add_info_total":"double precision","sub_update_info_total":"double precision","sub_update_policy_total":"double precision"}'::jsonb),
  ('ptops_imcapi_resp', 'IMCAPI_RESP', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"request_type":"text","response_type":"text"}'::jsonb, '{"responses_total":"double precision"}'::jsonb),
  ('ptops_imcdr_nodes', 'IMCDR_NODES', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"node_count":"double precision","peer_count":"double precision"}'::jsonb),
  ('ptops_imcdr_events', 'IMCDR_EVENT_STATS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"add_peer_total":"double precision","add_client_total":"double precision","add_sent_peer_total":"double precision","del_peer_total":"double precision","del_sent_peer_total":"double precision","del_client_gc_total":"double precision","add_sent_snoopers_total":"double precision","del_sent_snoopers_total":"double precision","total_recv_total":"double precision","total_sent_total":"double precision","total_cache_events_total":"double precision"}'::jsonb),
  ('ptops_imcdr_conn', 'IMCDR_CONN_STATS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"closed_hung_total":"double precision","add_on_start_total":"double precision","close_on_exit_total":"double precision","close_send_err_total":"double precision","close_recv_err_total":"double precision","close_access_denied_total":"double precision","add_peer_conn_total":"double precision","close_on_exit_repo_total":"double precision"}'::jsonb),
  ('ptops_imcdr_frr', 'IMCDR_FRR', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"phys_oid":"text","peer_ip":"text"}'::jsonb, '{"timeout_replies_total":"double precision","conn_lost_total":"double precision","successful_loads_total":"double precision","null_cache_replies_total":"double precision","unknown_cache_replies_total":"double precision"}'::jsonb),
  ('ptops_imcdr_frs', 'IMCDR_FRS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"phys_oid":"text","peer_ip":"text"}'::jsonb, '{"fd":"double precision","events_sent_total":"double precision"}'::jsonb),
  ('ptops_imcdr_mem', 'IMCDR_MEM_STATS', 'fastpath', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{}'::jsonb, '{"hash_init_bytes":"double precision","reserved_bytes":"double precision","alloc_calls_total":"double precision","dealloc_bytes_total":"double precision","dealloc_calls_total":"double precision","record_count":"double precision"}'::jsonb),
  ('ptops_text_records', 'TEXT', 'text', ARRAY['ts', 'bundle_id', 'sptid', 'metric_category', 'host']::text[], '{"file_name":"text","prefix":"text","line_no":"bigint","text":"text"}'::jsonb, '{}'::jsonb)
ON CONFLICT (table_name) DO UPDATE SET
  record_group = EXCLUDED.record_group,
  metric_category = EXCLUDED.metric_category,
  global_columns = EXCLUDED.global_columns,
  local_columns = t.local_columns || EXCLUDED.local_columns,
  metric_columns = t.metric_columns || EXCLUDED.metric_columns
WHERE (t.record_group, t.metric_category, t.global_columns) IS DISTINCT FROM (EXCLUDED.record_group, EXCLUDED.metric_category, EXCLUDED.global_columns)
   OR NOT (t.local_columns @> EXCLUDED.local_columns AND t.metric_columns @> EXCLUDED.metric_columns);

INSERT INTO perf.metric_catalog AS c (metric_name, base_table, column_name, metric_kind, unit, description, aliases, local_labels) VALUES
  ('cpu_utilization', 'ptops_cpu', 'utilization', 'gauge', 'percent', 'Share of the interval the CPU was busy (neither idle nor waiting for I/O). Sustained values near 100 mean the CPU is saturated; compare per-core lines to spot one hot core.', ARRAY['cpu_utilization_percent']::text[], ARRAY['cpu']::text[]),
  ('cpu_idle_percent', 'ptops_cpu', 'idle_percent', 'gauge', 'percent', 'Share of the interval the CPU was idle with no I/O pending. Low idle with low utilization means time went to iowait.', '{}'::text[], ARRAY['cpu']::text[]),
  ('cpu_iowait_percent', 'ptops_cpu', 'iowait_percent', 'gauge', 'percent', 'Share of the interval the CPU was idle while the I/O it issued was outstanding. High values point at slow or saturated storage, not at CPU shortage.', '{}'::text[], ARRAY['cpu']::text[]),
  ('cpu_user_percent', 'ptops_cpu', 'user_percent', 'gauge', 'percent', 'Share of the interval spent running user-space code (named, the fast path, other daemons). High user time means application work.', '{}'::text[], ARRAY['cpu']::text[]),
  ('cpu_system_percent', 'ptops_cpu', 'system_percent', 'gauge', 'percent', 'Share of the interval spent in the kernel on behalf of processes (system calls, page faults). High system time suggests syscall-heavy work or memory pressure.', '{}'::text[], ARRAY['cpu']::text[]),
  ('cpu_nice_percent', 'ptops_cpu', 'nice_percent', 'gauge', 'percent', 'Share of the interval spent in user-space code of niced (lowered priority) processes; background work that yields to normal processes.', '{}'::text[], ARRAY['cpu']::text[]),
  ('cpu_irq_percent', 'ptops_cpu', 'irq_percent', 'gauge', 'percent', 'Share of the interval spent servicing hardware interrupts. A high value on one core usually means interrupts from a busy NIC are pinned to it.', ARRAY['cpu_hardirq_percent']::text[], ARRAY['cpu']::text[]),
  ('cpu_softirq_percent', 'ptops_cpu', 'softirq_percent', 'gauge', 'percent', 'Share of the interval spent in soft interrupts, where the kernel does network receive and transmit processing. High values mean heavy kernel packet handling.', '{}'::text[], ARRAY['cpu']::text[]),
  ('mem_total_bytes', 'ptops_mem', 'total_bytes', 'gauge', 'bytes', 'Total usable RAM of the appliance (MemTotal). Constant during a run; the base of the percent columns.', '{}'::text[], '{}'::text[]),
  ('mem_free_percent', 'ptops_mem', 'free_percent', 'gauge', 'percent', 'Completely unused memory as percent of MemTotal. Low values alone are normal because Linux fills RAM with cache; judge pressure by available_percent.', '{}'::text[], '{}'::text[]),
  ('mem_buffers_percent', 'ptops_mem', 'buffers_percent', 'gauge', 'percent', 'Block-device buffers (filesystem metadata cache) as percent of MemTotal. Reclaimable.', '{}'::text[], '{}'::text[]),
  ('mem_cached_percent', 'ptops_mem', 'cached_percent', 'gauge', 'percent', 'File page cache as percent of MemTotal: file data kept in RAM. Reclaimable; shrinks when applications need memory.', '{}'::text[], '{}'::text[]),
  ('mem_slab_percent', 'ptops_mem', 'slab_percent', 'gauge', 'percent', 'Kernel slab allocations (dentries, inodes, network buffers) as percent of MemTotal. Steady growth can mean a kernel leak; see the SLAB group for the culprit cache.', '{}'::text[], '{}'::text[]),
  ('mem_anon_percent', 'ptops_mem', 'anon_percent', 'gauge', 'percent', 'Anonymous memory (process heaps and stacks, not backed by files) as percent of MemTotal. Growth over hours points at a leaking process; see SMAPS.', '{}'::text[], '{}'::text[]),
  ('mem_sysv_shm_percent', 'ptops_mem', 'sysv_shm_percent', 'gauge', 'percent', 'Shared memory (System V and tmpfs) as percent of MemTotal. Not reclaimable without freeing the segments.', '{}'::text[], '{}'::text[]),
  ('mem_swap_used_percent', 'ptops_mem', 'swap_used_percent', 'gauge', 'percent', 'Used swap as percent of total swap. Any sustained use on an appliance means memory pressure pushed pages out.', '{}'::text[], '{}'::text[]),
  ('mem_swap_total_bytes', 'ptops_mem', 'swap_total_bytes', 'gauge', 'bytes', 'Configured swap size in bytes. Zero means the appliance runs without swap.', '{}'::text[], '{}'::text[]),
  ('mem_hugepages_total', 'ptops_mem', 'hugepages_total', 'gauge', 'pages', 'Huge pages reserved (the DPDK fast path keeps its packet memory in huge pages).', '{}'::text[], '{}'::text[]),
  ('mem_hugepages_free', 'ptops_mem', 'hugepages_free', 'gauge', 'pages', 'Reserved huge pages not in use. Near zero is normal once the fast path has mapped its pool.', '{}'::text[], '{}'::text[]),
  ('mem_available_percent', 'ptops_mem', 'available_percent', 'gauge', 'percent', 'MemAvailable as percent of MemTotal: memory that can still be allocated without swapping (free plus reclaimable cache). Below about 10 means real memory pressure.', '{}'::text[], '{}'::text[]),
  ('mem_pgpgin_per_sec', 'ptops_mem', 'pgpgin_per_sec', 'rate', 'pages/s', 'Pages read in from disk per second (file reads and swap-ins). Bursts with high iowait mean the box is reading from storage.', '{}'::text[], '{}'::text[]),
  ('mem_pgpgout_per_sec', 'ptops_mem', 'pgpgout_per_sec', 'rate', 'pages/s', 'Pages written out to disk per second (dirty file pages and swap-outs).', '{}'::text[], '{}'::text[]),
  ('mem_swapin_per_sec', 'ptops_mem', 'swapin_per_sec', 'rate', 'ops/s', 'Pages swapped in per second. Non-zero means processes touch memory that was pushed to swap: the box is short of RAM.', '{}'::text[], '{}'::text[]),
  ('mem_swapout_per_sec', 'ptops_mem', 'swapout_per_sec', 'rate', 'ops/s', 'Pages swapped out per second. Non-zero means the kernel is evicting anonymous memory to make room.', '{}'::text[], '{}'::text[]),
  ('disk_reads_per_sec', 'ptops_disk', 'reads_per_sec', 'rate', 'ops/s', 'Read requests completed per second by the device.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_read_kb_per_sec', 'ptops_disk', 'read_kb_per_sec', 'rate', 'KiB/s', 'KiB read per second. Compare with reads_per_sec to see the request size.', ARRAY['disk_read_kib_per_sec']::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_read_avg_kb', 'ptops_disk', 'read_avg_kb', 'gauge', 'KiB', 'Average size of a read request in the interval. Small sizes with high rates mean random I/O.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_read_avg_ms', 'ptops_disk', 'read_avg_ms', 'gauge', 'ms', 'Average time a read took from issue to completion, queueing included. Tens of milliseconds on SSD-backed appliances means the device or its queue is overloaded.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_writes_per_sec', 'ptops_disk', 'writes_per_sec', 'rate', 'ops/s', 'Write requests completed per second by the device.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_write_kb_per_sec', 'ptops_disk', 'write_kb_per_sec', 'rate', 'KiB/s', 'KiB written per second. Database checkpoints and log rotation show up as bursts here.', ARRAY['disk_write_kib_per_sec']::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_write_avg_kb', 'ptops_disk', 'write_avg_kb', 'gauge', 'KiB', 'Average size of a write request in the interval.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_write_avg_ms', 'ptops_disk', 'write_avg_ms', 'gauge', 'ms', 'Average time a write took from issue to completion, queueing included. High values stall processes that fsync (the database).', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_service_time_ms', 'ptops_disk', 'service_time_ms', 'gauge', 'ms', 'Average time the device itself spent per request, without queueing. If it stays low while read/write latency climbs, requests wait in the queue.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_avg_queue_len', 'ptops_disk', 'avg_queue_len', 'gauge', 'requests', 'Average number of requests queued or in service. A large queue with modest service time means demand above the device''s capacity.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('disk_busy_percent', 'ptops_disk', 'busy_percent', 'gauge', 'percent', 'Share of the interval the device had at least one request in flight (capped at 100). Near 100 means saturated for a single-queue disk; NVMe can do more at 100.', '{}'::text[], ARRAY['device', 'disk_index']::text[]),
  ('net_rx_packets_per_sec', 'ptops_net', 'rx_packets_per_sec', 'rate', 'packets/s', 'Packets received per second on the interface (kernel interfaces; fast-path ports are in FPPORTS).', ARRAY['net_rk_packets_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_rx_kb_per_sec', 'ptops_net', 'rx_kb_per_sec', 'rate', 'KiB/s', 'KiB received per second on the interface.', ARRAY['net_rk_kib_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_tx_packets_per_sec', 'ptops_net', 'tx_packets_per_sec', 'rate', 'packets/s', 'Packets transmitted per second on the interface.', ARRAY['net_tk_packets_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_tx_kb_per_sec', 'ptops_net', 'tx_kb_per_sec', 'rate', 'KiB/s', 'KiB transmitted per second on the interface.', ARRAY['net_tk_kib_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_rx_drops_per_sec', 'ptops_net', 'rx_drops_per_sec', 'rate', 'packets/s', 'Received packets dropped per second. Non-zero points at receive ring or socket buffer exhaustion; check softirq_percent and SNMP.Udp buffer errors.', ARRAY['net_rd_drops_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_tx_drops_per_sec', 'ptops_net', 'tx_drops_per_sec', 'rate', 'packets/s', 'Transmit packets dropped per second (queue full or link down).', ARRAY['net_td_drops_per_sec']::text[], ARRAY['interface']::text[]),
  ('net_rx_packets_total', 'ptops_net_ifstat', 'rx_packets_total', 'counter', 'packets', 'Packets received on the interface since boot. Use counter_rate for packets per second.', '{}'::text[], ARRAY['interface']::text[]),
  ('net_rx_bytes_total', 'ptops_net_ifstat', 'rx_bytes_total', 'counter', 'bytes', 'Bytes received on the interface since boot.', '{}'::text[], ARRAY['interface']::text[]),
  ('net_tx_packets_total', 'ptops_net_ifstat', 'tx_packets_total', 'counter', 'packets', 'Packets transmitted on the interface since boot.', '{}'::text[], ARRAY['interface']::text[]),
  ('net_tx_bytes_total', 'ptops_net_ifstat', 'tx_bytes_total', 'counter', 'bytes', 'Bytes transmitted on the interface since boot.', '{}'::text[], ARRAY['interface']::text[]),
  ('net_rx_dropped_packets_total', 'ptops_net_ifstat', 'rx_dropped_packets_total', 'counter', 'packets', 'Received packets dropped since boot. Its rate rising means receive buffers overflow.', '{}'::text[], ARRAY['interface']::text[]),
  ('net_tx_dropped_packets_total', 'ptops_net_ifstat', 'tx_dropped_packets_total', 'counter', 'packets', 'Transmit packets dropped on the interface since boot (queue full or link down).', '{}'::text[], ARRAY['interface']::text[]),
  ('node_total_bytes', 'ptops_node', 'total_bytes', 'gauge', 'bytes', 'Memory attached to the NUMA node, in bytes; constant during a run.', '{}'::text[], ARRAY['node']::text[]),
  ('node_free_percent', 'ptops_node', 'free_percent', 'gauge', 'percent', 'Free memory of the node as percent of its total. One node near zero while others have room means allocations are not spread.', '{}'::text[], ARRAY['node']::text[]),
  ('node_used_percent', 'ptops_node', 'used_percent', 'gauge', 'percent', 'Used memory of the node as percent of its total. A big imbalance between nodes means poor NUMA locality and remote memory access.', '{}'::text[], ARRAY['node']::text[]),
  ('buddy_total_free_bytes', 'ptops_buddy', 'total_free_bytes', 'gauge', 'bytes', 'Free memory in the zone of the node, in bytes, summed over all block orders.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_avg_block_bytes', 'ptops_buddy', 'avg_block_bytes', 'gauge', 'bytes', 'Average size of a free block in the zone. Small averages with plenty of free memory mean fragmentation.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_0', 'ptops_buddy', 'free_blocks_order_0', 'gauge', 'blocks', 'Free blocks of order 0 (4 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_1', 'ptops_buddy', 'free_blocks_order_1', 'gauge', 'blocks', 'Free blocks of order 1 (8 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_2', 'ptops_buddy', 'free_blocks_order_2', 'gauge', 'blocks', 'Free blocks of order 2 (16 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_3', 'ptops_buddy', 'free_blocks_order_3', 'gauge', 'blocks', 'Free blocks of order 3 (32 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_4', 'ptops_buddy', 'free_blocks_order_4', 'gauge', 'blocks', 'Free blocks of order 4 (64 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_5', 'ptops_buddy', 'free_blocks_order_5', 'gauge', 'blocks', 'Free blocks of order 5 (128 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_6', 'ptops_buddy', 'free_blocks_order_6', 'gauge', 'blocks', 'Free blocks of order 6 (256 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_7', 'ptops_buddy', 'free_blocks_order_7', 'gauge', 'blocks', 'Free blocks of order 7 (512 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_8', 'ptops_buddy', 'free_blocks_order_8', 'gauge', 'blocks', 'Free blocks of order 8 (1024 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_9', 'ptops_buddy', 'free_blocks_order_9', 'gauge', 'blocks', 'Free blocks of order 9 (2048 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('buddy_free_blocks_order_10', 'ptops_buddy', 'free_blocks_order_10', 'gauge', 'blocks', 'Free blocks of order 10 (4096 KiB each) in the zone. Low counts at high orders while total free memory is large means fragmentation: large contiguous allocations (huge pages, DMA) may fail.', '{}'::text[], ARRAY['node', 'zone']::text[]),
  ('slab_active_objects', 'ptops_slab', 'active_objects', 'gauge', 'objects', 'Objects in use in the slab cache. A cache whose count only grows points at a kernel-side leak (for example dentries or socket buffers).', '{}'::text[], ARRAY['cache']::text[]),
  ('slab_total_objects', 'ptops_slab', 'total_objects', 'gauge', 'objects', 'Objects allocated in the slab cache, used or not.', '{}'::text[], ARRAY['cache']::text[]),
  ('slab_memory_mib', 'ptops_slab', 'memory_mib', 'gauge', 'MiB', 'Memory held by the slab cache. The largest caches explain a high mem_slab_percent.', '{}'::text[], ARRAY['cache']::text[]),
  ('slab_waste_percent', 'ptops_slab', 'waste_percent', 'gauge', 'percent', 'Allocated but unused share of the cache''s memory.', '{}'::text[], ARRAY['cache']::text[]),
  ('balloon_memory_mb', 'ptops_balloon', 'memory_mb', 'gauge', 'MB', 'Memory taken back from the virtual appliance by the hypervisor''s balloon driver. Non-zero means the host is short of memory and is squeezing this VM; expect cache shrinkage and swapping.', '{}'::text[], '{}'::text[]),
  ('udp_rx_queue_bytes', 'ptops_udp', 'rx_queue_bytes', 'gauge', 'bytes', 'Bytes waiting in the socket''s receive queue. Growth means the application (named on port 53) does not read fast enough; drops follow when the buffer fills.', '{}'::text[], ARRAY['local_address', 'local_port', 'remote_address', 'remote_port', 'inode']::text[]),
  ('udp_tx_queue_bytes', 'ptops_udp', 'tx_queue_bytes', 'gauge', 'bytes', 'Bytes waiting in the socket''s transmit queue.', '{}'::text[], ARRAY['local_address', 'local_port', 'remote_address', 'remote_port', 'inode']::text[]),
  ('udp_drops', 'ptops_udp', 'drops', 'delta', 'packets', 'Datagrams dropped by the socket in the interval because its receive buffer was full. Sum it over time; any non-zero value means lost queries.', '{}'::text[], ARRAY['local_address', 'local_port', 'remote_address', 'remote_port', 'inode']::text[]),
  ('snmp_ip_in_receives_per_sec', 'ptops_snmp_ip', 'in_receives_per_sec', 'rate', 'packets/s', 'IP datagrams received per second by the kernel, all interfaces.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_delivered_per_sec', 'ptops_snmp_ip', 'delivered_per_sec', 'rate', 'packets/s', 'IP datagrams delivered to upper layers (UDP, TCP, ICMP) per second.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_in_discards_per_sec', 'ptops_snmp_ip', 'in_discards_per_sec', 'rate', 'packets/s', 'Received IP datagrams discarded per second for lack of buffer space. Non-zero means the kernel drops traffic before any socket sees it.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_out_requests_per_sec', 'ptops_snmp_ip', 'out_requests_per_sec', 'rate', 'packets/s', 'IP datagrams handed to IP for transmission per second.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_out_discards_per_sec', 'ptops_snmp_ip', 'out_discards_per_sec', 'rate', 'packets/s', 'Outgoing IP datagrams discarded per second (no buffer space).', '{}'::text[], '{}'::text[]),
  ('snmp_ip_header_errors', 'ptops_snmp_ip', 'header_errors', 'counter', 'packets', 'IP datagrams discarded for header errors since boot. A rising rate suggests corrupted or malicious traffic.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_address_errors', 'ptops_snmp_ip', 'address_errors', 'counter', 'packets', 'IP datagrams discarded because the destination address was invalid for this host, since boot.', '{}'::text[], '{}'::text[]),
  ('snmp_ip_unknown_protocol', 'ptops_snmp_ip', 'unknown_protocol', 'counter', 'packets', 'IP datagrams for an unknown or unsupported protocol, since boot.', '{}'::text[], '{}'::text[]),
  ('snmp_udp_in_datagrams_per_sec', 'ptops_snmp_udp', 'in_datagrams_per_sec', 'rate', 'datagrams/s', 'UDP datagrams delivered to sockets per second (DNS queries arriving through the kernel path).', '{}'::text[], '{}'::text[]),
  ('snmp_udp_out_datagrams_per_sec', 'ptops_snmp_udp', 'out_datagrams_per_sec', 'rate', 'datagrams/s', 'UDP datagrams sent per second by the kernel (DNS answers through the kernel path).', '{}'::text[], '{}'::text[]),
  ('snmp_udp_receive_buffer_errors', 'ptops_snmp_udp', 'receive_buffer_errors', 'counter', 'datagrams', 'Datagrams dropped because a socket receive buffer was full, since boot. A rising rate means an application cannot keep up with its traffic.', '{}'::text[], '{}'::text[]),
  ('snmp_udp_send_buffer_errors', 'ptops_snmp_udp', 'send_buffer_errors', 'counter', 'datagrams', 'Datagrams dropped because a socket send buffer was full, since boot.', '{}'::text[], '{}'::text[]),
  ('snmp_udp_no_ports', 'ptops_snmp_udp', 'no_ports', 'counter', 'datagrams', 'Datagrams to a port with no listener, since boot. A jump can mean named was down or restarting.', '{}'::text[], '{}'::text[]),
  ('snmp_udp_in_errors', 'ptops_snmp_udp', 'in_errors', 'counter', 'datagrams', 'UDP datagrams that could not be delivered (checksum or buffer errors), since boot.', '{}'::text[], '{}'::text[]),
  ('top_cpu_percent', 'ptops_top', 'cpu_percent', 'gauge', 'percent', 'CPU used by the thread in the interval, in percent of one CPU (100 = one full core). A thread pinned near 100 is CPU-bound; DPDK poll threads always show 100 by design.', '{}'::text[], ARRAY['pid', 'ppid', 'exec', 'container_id', 'container_pid', 'container_name']::text[]),
  ('top_total_cpu_seconds', 'ptops_top', 'total_cpu_seconds', 'counter', 'seconds', 'CPU seconds used by the thread since it started (user + system). Its rate is the thread''s CPU use; a drop means the thread id was reused.', '{}'::text[], ARRAY['pid', 'ppid', 'exec', 'container_id', 'container_pid', 'container_name']::text[]),
  ('top_user_cpu_seconds', 'ptops_top', 'user_cpu_seconds', 'counter', 'seconds', 'User-mode CPU seconds used by the thread since it started.', '{}'::text[], ARRAY['pid', 'ppid', 'exec', 'container_id', 'container_pid', 'container_name']::text[]),
  ('top_system_cpu_seconds', 'ptops_top', 'system_cpu_seconds', 'counter', 'seconds', 'Kernel-mode CPU seconds used by the thread since it started. A high share of system time means syscall- or fault-heavy work.', '{}'::text[], ARRAY['pid', 'ppid', 'exec', 'container_id', 'container_pid', 'container_name']::text[]),
  ('top_last_cpu', 'ptops_top', 'last_cpu', 'gauge', 'cpu index', 'CPU the thread last ran on (field 39 of stat). A value, not a label: it shows whether a thread stays on one core or migrates.', '{}'::text[], ARRAY['pid', 'ppid', 'exec', 'container_id', 'container_pid', 'container_name']::text[]),
  ('smaps_vm_size_kb', 'ptops_smaps', 'vm_size_kb', 'gauge', 'KiB', 'Virtual size of all mappings of the process. Large virtual sizes are normal (DPDK maps huge pages); look at RSS for real use.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_rss_kb', 'ptops_smaps', 'rss_kb', 'gauge', 'KiB', 'Resident set size: memory of the process currently in RAM. Steady growth over hours suggests a leak.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_rss_minus_shmem_kb', 'ptops_smaps', 'rss_minus_shmem_kb', 'gauge', 'KiB', 'RSS without shared memory: what the process alone holds in RAM; the best per-process number for leak hunting.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_swap_kb', 'ptops_smaps', 'swap_kb', 'gauge', 'KiB', 'Memory of the process swapped out. Non-zero for a latency-critical process (named) means it will stall on page-ins.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_shared_total_kb', 'ptops_smaps', 'shared_total_kb', 'gauge', 'KiB', 'Resident pages shared with other processes (clean + dirty), such as libraries.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_shared_dirty_kb', 'ptops_smaps', 'shared_dirty_kb', 'gauge', 'KiB', 'Shared resident pages the process has modified (dirty), summed over its mappings.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_private_total_kb', 'ptops_smaps', 'private_total_kb', 'gauge', 'KiB', 'Resident pages private to the process (clean + dirty): memory freed if it exits.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_private_dirty_kb', 'ptops_smaps', 'private_dirty_kb', 'gauge', 'KiB', 'Private pages the process has written (heap, stack): anonymous memory that can only go to swap.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_shmem_total_kb', 'ptops_smaps', 'shmem_total_kb', 'gauge', 'KiB', 'Shared memory (shmem/tmpfs/System V) pages mapped by the process.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('smaps_shmem_dirty_kb', 'ptops_smaps', 'shmem_dirty_kb', 'gauge', 'KiB', 'Dirty shared-memory pages mapped by the process.', '{}'::text[], ARRAY['pid', 'command']::text[]),
  ('dbwr_bucket_count_total', 'ptops_dbwr', 'bucket_count_total', 'histogram_bucket', 'operations', 'Number of database write transactions that landed in this latency bucket during the interval. Sum it over time (timeseries_sum, histogram_ops_per_sec); do not difference it. Counts moving to higher buckets mean the database got slower.', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbwr_bucket_avg_latency_seconds', 'ptops_dbwr', 'bucket_avg_latency_seconds', 'histogram_avg', 'seconds', 'Mean latency of the database write transactions that landed in this bucket during the interval. Combined with the counts it gives latency percentiles (histogram_latency_percentile).', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbwa_bucket_count_total', 'ptops_dbwa', 'bucket_count_total', 'histogram_bucket', 'operations', 'Number of database write waits that landed in this latency bucket during the interval. Sum it over time (timeseries_sum, histogram_ops_per_sec); do not difference it. Counts moving to higher buckets mean the database got slower.', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbwa_bucket_avg_latency_seconds', 'ptops_dbwa', 'bucket_avg_latency_seconds', 'histogram_avg', 'seconds', 'Mean latency of the database write waits that landed in this bucket during the interval. Combined with the counts it gives latency percentiles (histogram_latency_percentile).', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbrd_bucket_count_total', 'ptops_dbrd', 'bucket_count_total', 'histogram_bucket', 'operations', 'Number of database reads that landed in this latency bucket during the interval. Sum it over time (timeseries_sum, histogram_ops_per_sec); do not difference it. Counts moving to higher buckets mean the database got slower.', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbrd_bucket_avg_latency_seconds', 'ptops_dbrd', 'bucket_avg_latency_seconds', 'histogram_avg', 'seconds', 'Mean latency of the database reads that landed in this bucket during the interval. Combined with the counts it gives latency percentiles (histogram_latency_percentile).', '{}'::text[], ARRAY['bucket']::text[]),
  ('dbmpool_cache_size_mib', 'ptops_dbmpool', 'cache_size_mib', 'gauge', 'MiB', 'Configured size of the database memory pool (its page cache).', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_total', 'ptops_dbmpool', 'pages_total', 'gauge', 'pages', 'Pages currently held in the database memory pool, clean and dirty.', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_clean', 'ptops_dbmpool', 'pages_clean', 'gauge', 'pages', 'Clean pages in the pool (identical to disk, free to evict).', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_dirty', 'ptops_dbmpool', 'pages_dirty', 'gauge', 'pages', 'Dirty pages waiting to be written back. A growing number means writes outpace the disk; checkpoints will be long.', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_created', 'ptops_dbmpool', 'pages_created', 'delta', 'pages', 'Pages created in the pool during the interval.', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_in', 'ptops_dbmpool', 'pages_in', 'delta', 'pages', 'Pages read into the pool from disk during the interval. High values mean the working set does not fit.', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_out', 'ptops_dbmpool', 'pages_out', 'delta', 'pages', 'Pages written out of the pool to disk during the interval.', '{}'::text[], '{}'::text[]),
  ('dbmpool_pages_alloc', 'ptops_dbmpool', 'pages_alloc', 'delta', 'pages', 'Page allocations in the pool during the interval.', '{}'::text[], '{}'::text[]),
  ('dbmpool_cache_hits', 'ptops_dbmpool', 'cache_hits', 'delta', 'lookups', 'Pool lookups served from cache during the interval.', '{}'::text[], '{}'::text[]),
  ('dbmpool_cache_misses', 'ptops_dbmpool', 'cache_misses', 'delta', 'lookups', 'Pool lookups that had to read from disk during the interval. Many misses relative to hits means the cache is too small for the data.', '{}'::text[], '{}'::text[]),
  ('dbmpool_ro_evicts', 'ptops_dbmpool', 'ro_evicts', 'delta', 'pages', 'Clean (read-only) pages evicted during the interval to make room.', '{}'::text[], '{}'::text[]),
  ('dbmpool_rw_evicts', 'ptops_dbmpool', 'rw_evicts', 'delta', 'pages', 'Dirty (read-write) pages evicted during the interval; each needed a write first, so they are costly.', '{}'::text[], '{}'::text[]),
  ('dbmpool_buffers_frozen', 'ptops_dbmpool', 'buffers_frozen', 'delta', 'buffers', 'Buffers frozen (made read-only for a snapshot) during the interval.', '{}'::text[], '{}'::text[]),
  ('dbmpool_buffers_thawed', 'ptops_dbmpool', 'buffers_thawed', 'delta', 'buffers', 'Frozen buffers thawed during the interval.', '{}'::text[], '{}'::text[]),
  ('ccpu_user_percent', 'ptops_ccpu', 'user_percent', 'gauge', 'percent', 'User-mode CPU used by the container in the interval, percent of one CPU (or of the given CPU). High values show which container loads the box.', '{}'::text[], ARRAY['container_id', 'container_name', 'cpu']::text[]),
  ('ccpu_system_percent', 'ptops_ccpu', 'system_percent', 'gauge', 'percent', 'Kernel-mode CPU used by the container in the interval.', '{}'::text[], ARRAY['container_id', 'container_name', 'cpu']::text[]),
  ('cmem_page_cache_kb', 'ptops_cmem', 'page_cache_kb', 'gauge', 'KiB', 'Page cache charged to the container; reclaimable.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_file_backed_kb', 'ptops_cmem', 'file_backed_kb', 'gauge', 'KiB', 'File-backed memory mapped by the processes of the container.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_rss_kb', 'ptops_cmem', 'rss_kb', 'gauge', 'KiB', 'Anonymous resident memory of the container. Growth over time suggests a leak inside the container.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_rss_huge_kb', 'ptops_cmem', 'rss_huge_kb', 'gauge', 'KiB', 'Transparent huge page memory of the container.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_shmem_kb', 'ptops_cmem', 'shmem_kb', 'gauge', 'KiB', 'Shared memory (shmem/tmpfs) charged to the container.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_swap_kb', 'ptops_cmem', 'swap_kb', 'gauge', 'KiB', 'Swap used by the container; non-zero means the container was squeezed.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_unevictable_kb', 'ptops_cmem', 'unevictable_kb', 'gauge', 'KiB', 'Memory of the container that cannot be reclaimed (locked).', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_pgpgin_per_sec', 'ptops_cmem', 'pgpgin_per_sec', 'rate', 'pages/s', 'Pages charged to the container per second.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cmem_pgpgout_per_sec', 'ptops_cmem', 'pgpgout_per_sec', 'rate', 'pages/s', 'Pages uncharged from the container per second.', '{}'::text[], ARRAY['container_id', 'container_name']::text[]),
  ('cdisk_reads_per_sec', 'ptops_cdisk', 'reads_per_sec', 'rate', 'ops/s', 'Read requests per second issued by the container to the device.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('cdisk_read_kb_per_sec', 'ptops_cdisk', 'read_kb_per_sec', 'rate', 'KiB/s', 'KiB read per second by the container from the device.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('cdisk_read_avg_kb', 'ptops_cdisk', 'read_avg_kb', 'gauge', 'KiB', 'Average read size of the container on the device.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('cdisk_writes_per_sec', 'ptops_cdisk', 'writes_per_sec', 'rate', 'ops/s', 'Write requests per second issued by the container to the device.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('cdisk_write_kb_per_sec', 'ptops_cdisk', 'write_kb_per_sec', 'rate', 'KiB/s', 'KiB written per second by the container to the device. Shows which container causes disk load.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('cdisk_write_avg_kb', 'ptops_cdisk', 'write_avg_kb', 'gauge', 'KiB', 'Average write size of the container on the device.', '{}'::text[], ARRAY['container_id', 'container_name', 'device', 'device_major']::text[]),
  ('fpm_mbufs_in_use', 'ptops_fp_mbuf', 'mbufs_in_use', 'gauge', 'mbufs', 'Packet buffers (mbufs) in use in the fast path''s pool at the sample time. Climbing toward the pool size means packets are held too long or traffic outgrows the pool.', ARRAY['fpm_muc']::text[], '{}'::text[]),
  ('fpm_mbufs_available', 'ptops_fp_mbuf', 'mbufs_available', 'gauge', 'mbufs', 'Packet buffers (mbufs) still free in the fast path''s pool. Near zero means new packets will be dropped (see fpports_rx_nombuf_drops_total).', '{}'::text[], '{}'::text[]),
  ('fpm_mbuf_utilization_percent', 'ptops_fp_mbuf', 'mbuf_utilization_percent', 'gauge', 'percent', 'Share of the mbuf pool in use. High utilisation together with rising fpports_rx_nombuf_drops_total = pool too small for the traffic.', '{}'::text[], '{}'::text[]),
  ('fpports_rx_packets_total', 'ptops_fp_ports', 'rx_packets_total', 'counter', 'packets', 'Packets received on the DPDK port since the fast path started. Its rate is the port''s inbound packet rate.', ARRAY['fpports_ip_total']::text[], ARRAY['port']::text[]),
  ('fpports_tx_packets_total', 'ptops_fp_ports', 'tx_packets_total', 'counter', 'packets', 'Packets transmitted on the DPDK port since the fast path started.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_rx_bytes_total', 'ptops_fp_ports', 'rx_bytes_total', 'counter', 'bytes', 'Bytes received on the DPDK port since the fast path started.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_tx_bytes_total', 'ptops_fp_ports', 'tx_bytes_total', 'counter', 'bytes', 'Bytes transmitted on the DPDK port since the fast path started.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_rx_errors_total', 'ptops_fp_ports', 'rx_errors_total', 'counter', 'packets', 'Receive errors on the DPDK port (bad frames, CRC errors) since start. Growth points at cabling or NIC problems.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_tx_errors_total', 'ptops_fp_ports', 'tx_errors_total', 'counter', 'packets', 'Transmit errors on the DPDK port since start.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_rx_multicast_packets_total', 'ptops_fp_ports', 'rx_multicast_packets_total', 'counter', 'packets', 'Multicast packets received on the DPDK port since start.', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_rx_missed_packets_total', 'ptops_fp_ports', 'rx_missed_packets_total', 'counter', 'packets', 'Packets the NIC dropped because its receive ring was full, i.e. the fast-path cores did not poll fast enough. Growth means the fast path is CPU-bound (see fpc_cpu_busy_percent).', '{}'::text[], ARRAY['port']::text[]),
  ('fpports_rx_nombuf_drops_total', 'ptops_fp_ports', 'rx_nombuf_drops_total', 'counter', 'packets', 'Packets dropped because no packet buffer (mbuf) was free. Growth together with high fpm_mbuf_utilization_percent means the mbuf pool is too small. Loss rate = (im + in) / (ip + im + in).', '{}'::text[], ARRAY['port']::text[]),
  ('fpprxy_connected_cores', 'ptops_fp_proxy', 'connected_cores', 'gauge', 'cores', 'Fast-path cores connected to this MSP upstream.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_reconnects_total', 'ptops_fp_proxy', 'reconnects_total', 'counter', 'count', 'Reconnections to the MSP upstream; rising after timeouts means an unstable upstream.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_queries_added_to_hash_total', 'ptops_fp_proxy', 'queries_added_to_hash_total', 'counter', 'count', 'Queries added to the pending-query hash.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_active_queries', 'ptops_fp_proxy', 'active_queries', 'gauge', 'queries', 'Queries currently waiting for an MSP answer.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_query_add_failures_total', 'ptops_fp_proxy', 'query_add_failures_total', 'counter', 'count', 'Queries that could not be added to the pending hash.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_queries_passed_to_bind_total', 'ptops_fp_proxy', 'queries_passed_to_bind_total', 'counter', 'count', 'Queries handed to BIND (named) instead of the MSP.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_query_timeouts_total', 'ptops_fp_proxy', 'query_timeouts_total', 'counter', 'count', 'Queries that timed out waiting for the MSP. Rising timeouts often precede reconnects.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_responses_from_msp_total', 'ptops_fp_proxy', 'responses_from_msp_total', 'counter', 'count', 'Responses received from the upstream MSP on this connection.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_responses_sent_to_client_total', 'ptops_fp_proxy', 'responses_sent_to_client_total', 'counter', 'count', 'MSP responses the fast path forwarded on to the querying client.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_send_failures_total', 'ptops_fp_proxy', 'response_send_failures_total', 'counter', 'count', 'Responses that failed to send to the client.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_parse_status_failures_total', 'ptops_fp_proxy', 'response_parse_status_failures_total', 'counter', 'count', 'MSP responses whose status could not be parsed.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_parse_txid_failures_total', 'ptops_fp_proxy', 'response_parse_txid_failures_total', 'counter', 'count', 'MSP responses whose transaction id could not be parsed.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_txid_not_found_total', 'ptops_fp_proxy', 'response_txid_not_found_total', 'counter', 'count', 'MSP responses for a transaction id no longer pending (usually already timed out).', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_subid_empty_total', 'ptops_fp_proxy', 'response_subid_empty_total', 'counter', 'count', 'MSP responses with an empty subscriber id.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_vip_not_found_total', 'ptops_fp_proxy', 'response_vip_not_found_total', 'counter', 'count', 'MSP responses whose virtual IP (VIP) was not found in the fast path''s table.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_hash_remove_failures_total', 'ptops_fp_proxy', 'response_hash_remove_failures_total', 'counter', 'count', 'Failures removing an answered query from the pending hash.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_pvipv6_not_found_total', 'ptops_fp_proxy', 'response_pvipv6_not_found_total', 'counter', 'count', 'MSP responses whose IPv6 policy VIP was not found.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fpprxy_response_pvipv4_not_found_total', 'ptops_fp_proxy', 'response_pvipv4_not_found_total', 'counter', 'count', 'MSP responses whose IPv4 policy VIP was not found.', '{}'::text[], ARRAY['msp_index']::text[]),
  ('fppref_timer_iterations_total', 'ptops_fp_prefetch', 'timer_iterations_total', 'counter', 'count', 'Iterations of the prefetch timer that scans the cache for records about to expire.', '{}'::text[], '{}'::text[]),
  ('fppref_a_query_created_total', 'ptops_fp_prefetch', 'a_query_created_total', 'counter', 'count', 'A-record refresh queries created by the prefetch engine.', '{}'::text[], '{}'::text[]),
  ('fppref_aaaa_query_mbuf_alloc_failures_total', 'ptops_fp_prefetch', 'aaaa_query_mbuf_alloc_failures_total', 'counter', 'count', 'AAAA prefetch queries not sent for lack of an mbuf (ptop''s key swaps A/AAAA deliberately).', '{}'::text[], '{}'::text[]),
  ('fppref_aaaa_query_created_total', 'ptops_fp_prefetch', 'aaaa_query_created_total', 'counter', 'count', 'AAAA-record refresh queries created by the prefetch engine.', '{}'::text[], '{}'::text[]),
  ('fppref_a_query_mbuf_alloc_failures_total', 'ptops_fp_prefetch', 'a_query_mbuf_alloc_failures_total', 'counter', 'count', 'A prefetch queries not sent for lack of an mbuf.', '{}'::text[], '{}'::text[]),
  ('fppref_query_enqueue_failures_total', 'ptops_fp_prefetch', 'query_enqueue_failures_total', 'counter', 'count', 'Prefetch queries that failed to enqueue.', '{}'::text[], '{}'::text[]),
  ('fppref_query_enqueued_total', 'ptops_fp_prefetch', 'query_enqueued_total', 'counter', 'count', 'Prefetch refresh queries enqueued for sending upstream.', '{}'::text[], '{}'::text[]),
  ('fppref_a_response_handled_total', 'ptops_fp_prefetch', 'a_response_handled_total', 'counter', 'count', 'Responses to A-record prefetch queries handled (cache refreshed).', '{}'::text[], '{}'::text[]),
  ('fppref_aaaa_response_handled_total', 'ptops_fp_prefetch', 'aaaa_response_handled_total', 'counter', 'count', 'Responses to AAAA-record prefetch queries handled (cache refreshed).', '{}'::text[], '{}'::text[]),
  ('fpdca_queries_passed_to_bind_total', 'ptops_fp_dca', 'queries_passed_to_bind_total', 'counter', 'count', 'Queries the DNS cache accelerator passed to BIND.', '{}'::text[], '{}'::text[]),
  ('fpdca_pcp_queries_passed_to_bind_total', 'ptops_fp_dca', 'pcp_queries_passed_to_bind_total', 'counter', 'count', 'Policy (parental control, PCP) queries the accelerator passed to BIND.', '{}'::text[], '{}'::text[]),
  ('fpdca_non_cacheable_responses_total', 'ptops_fp_dca', 'non_cacheable_responses_total', 'counter', 'count', 'Responses the fast path could not cache; growth lowers cache efficiency.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_a_total', 'ptops_fp_rrstats', 'queries_a_total', 'counter', 'queries', 'Queries of RR type A seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_aaaa_total', 'ptops_fp_rrstats', 'queries_aaaa_total', 'counter', 'queries', 'Queries of RR type AAAA seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_mx_total', 'ptops_fp_rrstats', 'queries_mx_total', 'counter', 'queries', 'Queries of RR type MX seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_ptr_total', 'ptops_fp_rrstats', 'queries_ptr_total', 'counter', 'queries', 'Queries of RR type PTR seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_cname_total', 'ptops_fp_rrstats', 'queries_cname_total', 'counter', 'queries', 'Queries of RR type CNAME seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_svcb_total', 'ptops_fp_rrstats', 'queries_svcb_total', 'counter', 'queries', 'Queries of RR type SVCB seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_https_total', 'ptops_fp_rrstats', 'queries_https_total', 'counter', 'queries', 'Queries of RR type HTTPS seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_queries_other_total', 'ptops_fp_rrstats', 'queries_other_total', 'counter', 'queries', 'Queries of RR type OTHER seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_a_total', 'ptops_fp_rrstats', 'responses_a_total', 'counter', 'responses', 'Responses of RR type A seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_aaaa_total', 'ptops_fp_rrstats', 'responses_aaaa_total', 'counter', 'responses', 'Responses of RR type AAAA seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_mx_total', 'ptops_fp_rrstats', 'responses_mx_total', 'counter', 'responses', 'Responses of RR type MX seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_ptr_total', 'ptops_fp_rrstats', 'responses_ptr_total', 'counter', 'responses', 'Responses of RR type PTR seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_cname_total', 'ptops_fp_rrstats', 'responses_cname_total', 'counter', 'responses', 'Responses of RR type CNAME seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_svcb_total', 'ptops_fp_rrstats', 'responses_svcb_total', 'counter', 'responses', 'Responses of RR type SVCB seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_https_total', 'ptops_fp_rrstats', 'responses_https_total', 'counter', 'responses', 'Responses of RR type HTTPS seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fprrstats_responses_other_total', 'ptops_fp_rrstats', 'responses_other_total', 'counter', 'responses', 'Responses of RR type OTHER seen by the fast path.', '{}'::text[], '{}'::text[]),
  ('fpdncr_non_edns0_queries_total', 'ptops_fp_dncr', 'non_edns0_queries_total', 'counter', 'count', 'Queries without an EDNS0 option, so no subscriber id can be read from them.', '{}'::text[], '{}'::text[]),
  ('fpdncr_edns0_with_localid_total', 'ptops_fp_dncr', 'edns0_with_localid_total', 'counter', 'count', 'EDNS0 queries carrying a local (subscriber) id option.', '{}'::text[], '{}'::text[]),
  ('fpdncr_edns0_with_policyid_total', 'ptops_fp_dncr', 'edns0_with_policyid_total', 'counter', 'count', 'EDNS0 queries carrying a policy id option.', '{}'::text[], '{}'::text[]),
  ('fpdncr_edns0_unknown_options_total', 'ptops_fp_dncr', 'edns0_unknown_options_total', 'counter', 'count', 'EDNS0 queries carrying options the fast path does not recognise.', '{}'::text[], '{}'::text[]),
  ('fpdncr_subscriber_hits_total', 'ptops_fp_dncr', 'subscriber_hits_total', 'counter', 'count', 'Queries matched to a known subscriber (any method).', '{}'::text[], '{}'::text[]),
  ('fpdncr_policy_id_subscriber_hits_total', 'ptops_fp_dncr', 'policy_id_subscriber_hits_total', 'counter', 'count', 'Queries matched to a subscriber by policy id.', '{}'::text[], '{}'::text[]),
  ('fpdncr_subscriber_ipv4_prefix_hits_total', 'ptops_fp_dncr', 'subscriber_ipv4_prefix_hits_total', 'counter', 'count', 'Queries matched to a subscriber by IPv4 prefix.', '{}'::text[], '{}'::text[]),
  ('fpdncr_subscriber_ipv6_prefix_hits_total', 'ptops_fp_dncr', 'subscriber_ipv6_prefix_hits_total', 'counter', 'count', 'Queries matched to a subscriber by IPv6 prefix.', '{}'::text[], '{}'::text[]),
  ('fpdncr_subscriber_pcp_violations_total', 'ptops_fp_dncr', 'subscriber_pcp_violations_total', 'counter', 'count', 'Subscriber parental-control policy violations.', '{}'::text[], '{}'::text[]),
  ('fpdncr_subscriber_wpcp_violations_total', 'ptops_fp_dncr', 'subscriber_wpcp_violations_total', 'counter', 'count', 'Queries that violated a subscriber''s web (WPCP) policy.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_fastpath_pcp_queries_total', 'ptops_fp_vlstats', 'fastpath_pcp_queries_total', 'counter', 'count', 'PCP policy queries enforced on the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_fastpath_wpcp_queries_total', 'ptops_fp_vlstats', 'fastpath_wpcp_queries_total', 'counter', 'count', 'WPCP policy queries enforced on the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_fastpath_blacklist_queries_total', 'ptops_fp_vlstats', 'fastpath_blacklist_queries_total', 'counter', 'count', 'Blacklisted queries enforced on the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_fastpath_block_all_queries_total', 'ptops_fp_vlstats', 'fastpath_block_all_queries_total', 'counter', 'count', 'Block-all queries enforced on the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_pcp_queries_total', 'ptops_fp_vlstats', 'named_pcp_queries_total', 'counter', 'count', 'Parental-control (PCP) policy queries enforced by named instead of the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_wpcp_queries_total', 'ptops_fp_vlstats', 'named_wpcp_queries_total', 'counter', 'count', 'Web policy (WPCP) queries enforced by named instead of the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_blacklist_queries_total', 'ptops_fp_vlstats', 'named_blacklist_queries_total', 'counter', 'count', 'Blacklisted queries enforced by named instead of the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_rpz_queries_total', 'ptops_fp_vlstats', 'named_rpz_queries_total', 'counter', 'count', 'Queries answered by a response policy zone (RPZ) rule in named.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_block_all_queries_total', 'ptops_fp_vlstats', 'named_block_all_queries_total', 'counter', 'count', 'Block-all policy queries enforced by named instead of the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_device_discovery_queries_total', 'ptops_fp_vlstats', 'named_device_discovery_queries_total', 'counter', 'count', 'Device discovery queries handled by named.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_fastpath_violations_total', 'ptops_fp_vlstats', 'fastpath_violations_total', 'counter', 'count', 'Total policy violations on the fast path.', '{}'::text[], '{}'::text[]),
  ('fpvlstats_named_violations_total', 'ptops_fp_vlstats', 'named_violations_total', 'counter', 'count', 'Total policy violations handled by named (sum of the N-* counters).', '{}'::text[], '{}'::text[]),
  ('fps_incoming_dns_packets', 'ptops_fp_status', 'incoming_dns_packets', 'counter', 'packets', 'DNS packets received by the fast path since it started. Its rate is the fast path''s query load.', '{}'::text[], '{}'::text[]),
  ('fps_outgoing_dns_packets', 'ptops_fp_status', 'outgoing_dns_packets', 'counter', 'packets', 'DNS packets sent by the fast path (answers from cache or proxied) since it started.', '{}'::text[], '{}'::text[]),
  ('fps_dropped_dns_packets', 'ptops_fp_status', 'dropped_dns_packets', 'counter', 'packets', 'DNS packets the fast path dropped since it started. Any growth means lost queries; check mbufs and port drops.', '{}'::text[], '{}'::text[]),
  ('fps_missed_dns_packets', 'ptops_fp_status', 'missed_dns_packets', 'counter', 'packets', 'DNS packets that missed the fast-path cache and went on to named or the MSP, since start.', '{}'::text[], '{}'::text[]),
  ('fps_hit_dns_packets', 'ptops_fp_status', 'hit_dns_packets', 'counter', 'packets', 'DNS packets answered from the fast-path cache since start. hit / (hit + missed) is the cache hit ratio.', '{}'::text[], '{}'::text[]),
  ('fps_bypass_dns_packets', 'ptops_fp_status', 'bypass_dns_packets', 'counter', 'packets', 'DNS packets that bypassed the fast path straight to named since start (not eligible for the cache).', '{}'::text[], '{}'::text[]),
  ('fpc_cpu_busy_percent', 'ptops_fp_cpu', 'cpu_busy_percent', 'gauge', 'percent', 'Share of the interval the fast-path core spent on packet work. DPDK cores poll, so the OS always shows them 100% busy; this is the real load. Near 100 means the core is the bottleneck.', '{}'::text[], ARRAY['cpu']::text[]),
  ('fpc_cycles_total', 'ptops_fp_cpu', 'cycles_total', 'counter', 'cycles', 'CPU cycles the core spent on packet work since the fast path started.', '{}'::text[], ARRAY['cpu']::text[]),
  ('fpc_cycles_per_packet', 'ptops_fp_cpu', 'cycles_per_packet', 'gauge', 'cycles', 'Average CPU cycles per packet received from the NIC in the interval. Rising values mean each query costs more (cache misses, policy work).', '{}'::text[], ARRAY['cpu']::text[]),
  ('fpc_cycles_ic_pkt', 'ptops_fp_cpu', 'cycles_ic_pkt', 'gauge', 'cycles', 'Average CPU cycles per packet passed between fast-path cores (inter-core) in the interval.', '{}'::text[], ARRAY['cpu']::text[]),
  ('fpp_total_cycles', 'ptops_fp_packets', 'total_cycles', 'counter', 'cycles', 'Total CPU cycles the fast path spent on packets since it started.', '{}'::text[], '{}'::text[]),
  ('fpp_total_packets', 'ptops_fp_packets', 'total_packets', 'counter', 'packets', 'Total packets the fast path processed since it started. Rate of cycles / rate of packets = cycles per packet.', '{}'::text[], '{}'::text[]),
  ('dot_interfaces', 'ptops_dot', 'interfaces', 'gauge', 'interfaces', 'Number of DNS over TLS/DTLS listener interfaces configured (the first number on the line).', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_rx_packets_total', 'ptops_dot', 'rx_packets_total', 'counter', 'packets', 'DNS over TLS/DTLS packets received on the listener.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_tx_packets_total', 'ptops_dot', 'tx_packets_total', 'counter', 'packets', 'DNS over TLS/DTLS packets sent by the listener.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_dropped_packets_total', 'ptops_dot', 'dropped_packets_total', 'counter', 'packets', 'DNS over TLS/DTLS packets dropped by the listener; growth means lost queries.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_queue_drops_total', 'ptops_dot', 'queue_drops_total', 'counter', 'queries', 'DNS over TLS/DTLS queries dropped because a processing queue was full: the listener is overloaded.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_opened_sessions_total', 'ptops_dot', 'opened_sessions_total', 'counter', 'sessions', 'DNS over TLS/DTLS sessions (connections) opened on the listener.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_closed_sessions_total', 'ptops_dot', 'closed_sessions_total', 'counter', 'sessions', 'DNS over TLS/DTLS sessions closed on the listener.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('dot_active_sessions', 'ptops_dot', 'active_sessions', 'gauge', 'sessions', 'DNS over TLS/DTLS sessions open at the sample time. A steady climb means clients do not close connections or sessions leak.', '{}'::text[], ARRAY['interface_address', 'protocol']::text[]),
  ('doh_interfaces', 'ptops_doh', 'interfaces', 'gauge', 'interfaces', 'Number of DNS over HTTPS listener interfaces configured (the first number on the line).', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_rx_packets_total', 'ptops_doh', 'rx_packets_total', 'counter', 'packets', 'DNS over HTTPS packets received on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_tx_packets_total', 'ptops_doh', 'tx_packets_total', 'counter', 'packets', 'DNS over HTTPS packets sent by the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_dropped_packets_total', 'ptops_doh', 'dropped_packets_total', 'counter', 'packets', 'DNS over HTTPS packets dropped by the listener; growth means lost queries.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_queue_drops_total', 'ptops_doh', 'queue_drops_total', 'counter', 'queries', 'DNS over HTTPS queries dropped because a processing queue was full: the listener is overloaded.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_opened_sessions_total', 'ptops_doh', 'opened_sessions_total', 'counter', 'sessions', 'DNS over HTTPS sessions (connections) opened on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_closed_sessions_total', 'ptops_doh', 'closed_sessions_total', 'counter', 'sessions', 'DNS over HTTPS sessions closed on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('doh_active_sessions', 'ptops_doh', 'active_sessions', 'gauge', 'sessions', 'DNS over HTTPS sessions open at the sample time. A steady climb means clients do not close connections or sessions leak.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_interfaces', 'ptops_tcp_dca', 'interfaces', 'gauge', 'interfaces', 'Number of DNS over TCP (cache accelerator) listener interfaces configured (the first number on the line).', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_rx_packets_total', 'ptops_tcp_dca', 'rx_packets_total', 'counter', 'packets', 'DNS over TCP (cache accelerator) packets received on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_tx_packets_total', 'ptops_tcp_dca', 'tx_packets_total', 'counter', 'packets', 'DNS over TCP (cache accelerator) packets sent by the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_dropped_packets_total', 'ptops_tcp_dca', 'dropped_packets_total', 'counter', 'packets', 'DNS over TCP (cache accelerator) packets dropped by the listener; growth means lost queries.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_queue_drops_total', 'ptops_tcp_dca', 'queue_drops_total', 'counter', 'queries', 'DNS over TCP (cache accelerator) queries dropped because a processing queue was full: the listener is overloaded.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_opened_sessions_total', 'ptops_tcp_dca', 'opened_sessions_total', 'counter', 'sessions', 'DNS over TCP (cache accelerator) sessions (connections) opened on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_closed_sessions_total', 'ptops_tcp_dca', 'closed_sessions_total', 'counter', 'sessions', 'DNS over TCP (cache accelerator) sessions closed on the listener.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('tcp_dca_active_sessions', 'ptops_tcp_dca', 'active_sessions', 'gauge', 'sessions', 'DNS over TCP (cache accelerator) sessions open at the sample time. A steady climb means clients do not close connections or sessions leak.', '{}'::text[], ARRAY['interface_address']::text[]),
  ('imcapi_req_requests_total', 'ptops_imcapi_req', 'requests_total', 'counter', 'requests', 'Number of all IMC API requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_unspecified_total', 'ptops_imcapi_req', 'unspecified_total', 'counter', 'requests', 'Number of requests of unspecified type received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_count_total', 'ptops_imcapi_req', 'sub_count_total', 'counter', 'requests', 'Number of subscriber count requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_create_total', 'ptops_imcapi_req', 'sub_create_total', 'counter', 'requests', 'Number of subscriber create requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_update_total', 'ptops_imcapi_req', 'sub_update_total', 'counter', 'requests', 'Number of subscriber update requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_delete_total', 'ptops_imcapi_req', 'sub_delete_total', 'counter', 'requests', 'Number of subscriber delete requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_unspecified_mod_total', 'ptops_imcapi_req', 'unspecified_mod_total', 'counter', 'requests', 'Number of unspecified modify requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_add_info_total', 'ptops_imcapi_req', 'sub_add_info_total', 'counter', 'requests', 'Number of subscriber add-info requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_update_info_total', 'ptops_imcapi_req', 'sub_update_info_total', 'counter', 'requests', 'Number of subscriber update-info requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_req_sub_update_policy_total', 'ptops_imcapi_req', 'sub_update_policy_total', 'counter', 'requests', 'Number of subscriber policy update requests received by the IMC API (subscriber management interface) since it started.', '{}'::text[], '{}'::text[]),
  ('imcapi_resp_responses_total', 'ptops_imcapi_resp', 'responses_total', 'counter', 'responses', 'IMC API responses of this response type to this request type since start. A rising failure count for one request type points at the failing operation.', '{}'::text[], ARRAY['request_type', 'response_type']::text[]),
  ('imcdr_nodes_node_count', 'ptops_imcdr_nodes', 'node_count', 'gauge', 'nodes', 'Nodes in the IMC data replication cluster at the sample time. A drop means a member left.', '{}'::text[], '{}'::text[]),
  ('imcdr_nodes_peer_count', 'ptops_imcdr_nodes', 'peer_count', 'gauge', 'peers', 'Peers connected for data replication at the sample time. Fewer peers than nodes - 1 means broken replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_add_peer_total', 'ptops_imcdr_events', 'add_peer_total', 'counter', 'events', 'Number of IMC data replication peer add events since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_add_client_total', 'ptops_imcdr_events', 'add_client_total', 'counter', 'events', 'Number of IMC data replication client add events since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_add_sent_peer_total', 'ptops_imcdr_events', 'add_sent_peer_total', 'counter', 'events', 'Number of IMC data replication add events sent to peers since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_del_peer_total', 'ptops_imcdr_events', 'del_peer_total', 'counter', 'events', 'Number of IMC data replication peer delete events since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_del_sent_peer_total', 'ptops_imcdr_events', 'del_sent_peer_total', 'counter', 'events', 'Number of IMC data replication delete events sent to peers since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_del_client_gc_total', 'ptops_imcdr_events', 'del_client_gc_total', 'counter', 'events', 'Number of IMC data replication clients removed by garbage collection since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_add_sent_snoopers_total', 'ptops_imcdr_events', 'add_sent_snoopers_total', 'counter', 'events', 'Number of IMC data replication add events sent to snoopers since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_del_sent_snoopers_total', 'ptops_imcdr_events', 'del_sent_snoopers_total', 'counter', 'events', 'Number of IMC data replication delete events sent to snoopers since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_total_recv_total', 'ptops_imcdr_events', 'total_recv_total', 'counter', 'events', 'Number of IMC data replication replication events received since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_total_sent_total', 'ptops_imcdr_events', 'total_sent_total', 'counter', 'events', 'Number of IMC data replication replication events sent since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_events_total_cache_events_total', 'ptops_imcdr_events', 'total_cache_events_total', 'counter', 'events', 'Number of IMC data replication cache events processed since the replication service started.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_closed_hung_total', 'ptops_imcdr_conn', 'closed_hung_total', 'counter', 'connections', 'Number of IMC data replication connections closed because they hung since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_add_on_start_total', 'ptops_imcdr_conn', 'add_on_start_total', 'counter', 'connections', 'Number of IMC data replication connections added at start-up since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_close_on_exit_total', 'ptops_imcdr_conn', 'close_on_exit_total', 'counter', 'connections', 'Number of IMC data replication connections closed on exit since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_close_send_err_total', 'ptops_imcdr_conn', 'close_send_err_total', 'counter', 'connections', 'Number of IMC data replication connections closed after a send error since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_close_recv_err_total', 'ptops_imcdr_conn', 'close_recv_err_total', 'counter', 'connections', 'Number of IMC data replication connections closed after a receive error since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_close_access_denied_total', 'ptops_imcdr_conn', 'close_access_denied_total', 'counter', 'connections', 'Number of IMC data replication connections closed because access was denied since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_add_peer_conn_total', 'ptops_imcdr_conn', 'add_peer_conn_total', 'counter', 'connections', 'Number of IMC data replication peer connections added since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_conn_close_on_exit_repo_total', 'ptops_imcdr_conn', 'close_on_exit_repo_total', 'counter', 'connections', 'Number of IMC data replication repository connections closed on exit since the service started. Error closes rising means unstable replication links.', '{}'::text[], '{}'::text[]),
  ('imcdr_frr_timeout_replies_total', 'ptops_imcdr_frr', 'timeout_replies_total', 'counter', 'replies', 'Replication fetch requests to this peer that timed out. Rising values mean the peer is slow or unreachable.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frr_conn_lost_total', 'ptops_imcdr_frr', 'conn_lost_total', 'counter', 'events', 'Replication connections to this peer that were lost.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frr_successful_loads_total', 'ptops_imcdr_frr', 'successful_loads_total', 'counter', 'loads', 'Successful replication loads from this peer.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frr_null_cache_replies_total', 'ptops_imcdr_frr', 'null_cache_replies_total', 'counter', 'replies', 'Replies from this peer that carried an empty cache.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frr_unknown_cache_replies_total', 'ptops_imcdr_frr', 'unknown_cache_replies_total', 'counter', 'replies', 'Replies from this peer for a cache it did not know.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frs_fd', 'ptops_imcdr_frs', 'fd', 'gauge', 'fd', 'File descriptor of the replication socket to the peer (changes when the connection is re-established).', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_frs_events_sent_total', 'ptops_imcdr_frs', 'events_sent_total', 'counter', 'events', 'Replication events sent to this peer since the service started.', '{}'::text[], ARRAY['phys_oid', 'peer_ip']::text[]),
  ('imcdr_mem_hash_init_bytes', 'ptops_imcdr_mem', 'hash_init_bytes', 'gauge', 'bytes', 'Bytes allocated for the replication hash table at start-up.', '{}'::text[], '{}'::text[]),
  ('imcdr_mem_reserved_bytes', 'ptops_imcdr_mem', 'reserved_bytes', 'gauge', 'bytes', 'Bytes reserved by the replication cache at the sample time. Steady growth means the cache keeps growing.', '{}'::text[], '{}'::text[]),
  ('imcdr_mem_alloc_calls_total', 'ptops_imcdr_mem', 'alloc_calls_total', 'counter', 'calls', 'Memory allocation calls made by the replication cache since start.', '{}'::text[], '{}'::text[]),
  ('imcdr_mem_dealloc_bytes_total', 'ptops_imcdr_mem', 'dealloc_bytes_total', 'counter', 'bytes', 'Bytes released by the replication cache since start.', '{}'::text[], '{}'::text[]),
  ('imcdr_mem_dealloc_calls_total', 'ptops_imcdr_mem', 'dealloc_calls_total', 'counter', 'calls', 'Memory release calls made by the replication cache since start. Allocations far above releases means memory is kept.', '{}'::text[], '{}'::text[]),
  ('imcdr_mem_record_count', 'ptops_imcdr_mem', 'record_count', 'gauge', 'records', 'Records held in the replication cache at the sample time.', '{}'::text[], '{}'::text[])
ON CONFLICT (metric_name) DO UPDATE SET
  base_table = EXCLUDED.base_table,
  column_name = EXCLUDED.column_name,
  metric_kind = EXCLUDED.metric_kind,
  unit = EXCLUDED.unit,
  description = EXCLUDED.description,
  aliases = EXCLUDED.aliases,
  local_labels = EXCLUDED.local_labels
WHERE (c.base_table, c.column_name, c.metric_kind, c.unit, c.description, c.aliases, c.local_labels)
  IS DISTINCT FROM (EXCLUDED.base_table, EXCLUDED.column_name, EXCLUDED.metric_kind, EXCLUDED.unit, EXCLUDED.description, EXCLUDED.aliases, EXCLUDED.local_labels);

INSERT INTO perf.query_patterns AS p (pattern_name, description, sql_template, required_params, optional_params, example_usage) VALUES
  ('timeseries_avg', 'Average per time bucket and series. The default for gauges and for rates ptop already computed (never difference a rate).', 'SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
       avg(value) AS value,
       bundle_id, sptid, host{labels}
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
GROUP BY ts_bucket, bundle_id, sptid, host{labels}
ORDER BY bundle_id, host{labels}, ts_bucket', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","label_filters":null}'::jsonb, '{"pattern": "timeseries_avg", "metric_name": "cpu_utilization", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 60, "label_filters": {"cpu": "cpu"}}'),
  ('timeseries_max', 'Maximum per time bucket and series: shows short peaks that an average hides.', 'SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
       max(value) AS value,
       bundle_id, sptid, host{labels}
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
GROUP BY ts_bucket, bundle_id, sptid, host{labels}
ORDER BY bundle_id, host{labels}, ts_bucket', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","label_filters":null}'::jsonb, '{"pattern": "timeseries_max", "metric_name": "disk_busy_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}'),
  ('timeseries_sum', 'Sum per time bucket and series, for per-interval counts (kind delta) and histogram bucket counts: the number of events in each bucket of time.', 'SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
       sum(value) AS value,
       bundle_id, sptid, host{labels}
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
GROUP BY ts_bucket, bundle_id, sptid, host{labels}
ORDER BY bundle_id, host{labels}, ts_bucket', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","label_filters":null}'::jsonb, '{"pattern": "timeseries_sum", "metric_name": "dbmpool_cache_misses", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}'),
  ('counter_rate', 'Per-second rate of a monotonic counter. Each sample is compared with the previous sample of the same series (LAG over bundle, host and every label, ordered by ts); a decrease is a counter reset (process restart), so the increase after it is the new value itself, never a negative rate. The value of a time bucket is the total increase divided by the seconds covered.', 'WITH samples AS (
  SELECT ts, value, bundle_id, sptid, host{labels},
         lag(value) OVER series AS prev_value,
         lag(ts) OVER series AS prev_ts
  FROM {view}
  WHERE bundle_id = $bundle_id
    AND ts BETWEEN $start_time AND $end_time{label_filters}
  WINDOW series AS (PARTITION BY bundle_id, host{labels} ORDER BY ts)
), increases AS (
  SELECT ts, bundle_id, sptid, host{labels},
         CASE WHEN value >= prev_value THEN value - prev_value ELSE value END AS increase,
         extract(epoch FROM ts - prev_ts)::double precision AS seconds
  FROM samples
  WHERE prev_value IS NOT NULL AND ts > prev_ts
)
SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
       sum(increase) / sum(seconds) AS value,
       bundle_id, sptid, host{labels}
FROM increases
GROUP BY ts_bucket, bundle_id, sptid, host{labels}
ORDER BY bundle_id, host{labels}, ts_bucket', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","label_filters":null}'::jsonb, '{"pattern": "counter_rate", "metric_name": "fpports_rx_packets_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 60, "label_filters": {"port": "port0"}}'),
  ('topk', 'The k series with the highest average in each time bucket (rank 1 = highest), e.g. the busiest threads or disks. Use a step as wide as the window for one overall ranking.', 'WITH buckets AS (
  SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
         avg(value) AS value,
         bundle_id, sptid, host{labels}
  FROM {view}
  WHERE bundle_id = $bundle_id
    AND ts BETWEEN $start_time AND $end_time{label_filters}
  GROUP BY ts_bucket, bundle_id, sptid, host{labels}
), ranked AS (
  SELECT buckets.*,
         row_number() OVER (PARTITION BY ts_bucket ORDER BY value DESC, host{labels}) AS rank
  FROM buckets
)
SELECT ts_bucket, value, bundle_id, sptid, host{labels}, rank
FROM ranked
WHERE rank <= $k
ORDER BY ts_bucket, rank', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","k":10,"label_filters":null}'::jsonb, '{"pattern": "topk", "metric_name": "top_cpu_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 3600, "k": 10}'),
  ('histogram_ops_per_sec', 'Operations per second from a latency histogram: the bucket counts of every latency bucket summed per time bucket and divided by the step. Time buckets cut by the window edges cover less than a full step and read low.', 'SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
       sum(value) / $step_seconds AS value,
       bundle_id, sptid, host{group_labels}
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
GROUP BY ts_bucket, bundle_id, sptid, host{group_labels}
ORDER BY bundle_id, host{group_labels}, ts_bucket', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","label_filters":null}'::jsonb, '{"pattern": "histogram_ops_per_sec", "metric_name": "dbwr_bucket_count_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300}'),
  ('histogram_latency_percentile', 'Estimated latency quantile per time bucket from a latency histogram. Per latency bucket the operations are summed and their average latency is count-weighted; buckets are ordered by that latency and the estimate is the average latency of the bucket holding the operation at rank quantile x total (nearest rank). Exact to the resolution of the log2 buckets; ''operations'' says how many operations the estimate rests on.', 'WITH per_bucket AS (
  SELECT {schema}.time_bucket($step_seconds * INTERVAL ''1 second'', ts, $origin) AS ts_bucket,
         bundle_id, sptid, host{group_labels}, {bucket_label} AS bucket,
         sum({count_column})::double precision AS ops,
         sum({count_column} * {latency_column}) / sum({count_column})::double precision AS avg_latency
  FROM {table}
  WHERE bundle_id = $bundle_id
    AND ts BETWEEN $start_time AND $end_time
    AND {count_column} > 0 AND {latency_column} IS NOT NULL{label_filters}
  GROUP BY ts_bucket, bundle_id, sptid, host{group_labels}, {bucket_label}
), cumulative AS (
  SELECT per_bucket.*,
         sum(ops) OVER (PARTITION BY ts_bucket, bundle_id, host{group_labels} ORDER BY avg_latency, bucket ROWS UNBOUNDED PRECEDING) AS cum_ops,
         sum(ops) OVER (PARTITION BY ts_bucket, bundle_id, host{group_labels}) AS total_ops
  FROM per_bucket
)
SELECT DISTINCT ON (bundle_id, host{group_labels}, ts_bucket)
       ts_bucket, avg_latency AS value, bundle_id, sptid, host{group_labels}, total_ops AS operations
FROM cumulative
WHERE cum_ops >= $quantile * total_ops
ORDER BY bundle_id, host{group_labels}, ts_bucket, cum_ops', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"step_seconds":60,"origin":"start_time","quantile":0.95,"label_filters":null}'::jsonb, '{"pattern": "histogram_latency_percentile", "metric_name": "dbwr_bucket_count_total", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z", "step_seconds": 300, "quantile": 0.99}'),
  ('latest_value', 'The most recent sample of every series in the window (for counters: the total so far).', 'SELECT DISTINCT ON (bundle_id, host{labels})
       ts, value, bundle_id, sptid, host{labels}
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
ORDER BY bundle_id, host{labels}, ts DESC', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"label_filters":null}'::jsonb, '{"pattern": "latest_value", "metric_name": "mem_available_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z"}'),
  ('summary_stats', 'Per series over the whole window: number of samples, min, average, max and 95th percentile (continuous), with the first and last sample time.', 'SELECT bundle_id, sptid, host{labels},
       count(*) AS samples,
       min(value) AS min_value,
       avg(value) AS avg_value,
       max(value) AS max_value,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY value) AS p95_value,
       min(ts) AS first_ts,
       max(ts) AS last_ts
FROM {view}
WHERE bundle_id = $bundle_id
  AND ts BETWEEN $start_time AND $end_time{label_filters}
GROUP BY bundle_id, sptid, host{labels}
ORDER BY bundle_id, host{labels}', ARRAY['metric_name', 'bundle_id', 'start_time', 'end_time']::text[], '{"label_filters":null}'::jsonb, '{"pattern": "summary_stats", "metric_name": "disk_busy_percent", "bundle_id": "<active>", "start_time": "2025-06-28T13:00:00Z", "end_time": "2025-06-28T14:00:00Z"}')
ON CONFLICT (pattern_name) DO UPDATE SET
  description = EXCLUDED.description,
  sql_template = EXCLUDED.sql_template,
  required_params = EXCLUDED.required_params,
  optional_params = EXCLUDED.optional_params,
  example_usage = EXCLUDED.example_usage
WHERE (p.description, p.sql_template, p.required_params, p.optional_params, p.example_usage)
  IS DISTINCT FROM (EXCLUDED.description, EXCLUDED.sql_template, EXCLUDED.required_params, EXCLUDED.optional_params, EXCLUDED.example_usage);

