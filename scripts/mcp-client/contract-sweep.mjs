// U2 contract sweep: calls system_health and EVERY tool of tools/list, through the official TypeScript SDK's own
// Client.callTool (default result schema, so the SDK's Ajv check of structuredContent against the tool's outputSchema
// is what fails), in every outcome a session can reach:
//   no_bundle     before any load (and after_unload, after the bundle is gone): every tool with its normal arguments
//   loading       a forced reload runs while every tool is called; another is cancelled; both bundles unloaded
//   normal        a bundle loaded, arguments built from the catalog (schema_list_metrics, schema_list_label_values, ...)
//   empty         a window with no data / a filter matching nothing (tools that have one)
//   error         a bad value: an unknown metric / bundle / job (closest names where the tool offers them), a bad time;
//                 isError with a code, or the soft answer of the chart/analysis/legacy tools (warnings metric_not_found)
//   unknown_arg   an argument the tool does not declare                        -> isError invalid_argument
//   no_arguments  the arguments member left out             -> invalid_argument when the tool has required ones
//   missing       a required argument left out                                 -> isError invalid_argument
//   wrong_type    each typed argument sent as a value of another JSON type     -> isError invalid_argument
//   hostile       each argument sent hostile text / extremes (quotes, NUL, RTL, 5000 chars, -1, 2^31-1, 1e308, ...):
//                 any answer, but never a protocol error or internal_error
//   docs_down, db_down   run by run.sh against extra MCP services whose docs service / database do not answer
// Rules checked on every answer: callTool does not throw (a JSON-RPC error or the SDK's output-schema validation);
// an isError answer carries {"error": {"code"}} (and never internal_error); a non-error answer's JSON is an object.
// A tool in tools/list without a recipe below fails the sweep: a new tool is covered or the build is red.
//
// As a module: new ContractSweep(client, tools).phase("no_bundle" | "loaded" | "after_unload", {bundle, ...}).
// As a script: node contract-sweep.mjs --http URL | --stdio "command args" --phase docs_down|db_down [--bundle PATH]
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const NO_SUCH = "zz_sweep_no_such";
// Far outside any bundle: an empty window.
const EMPTY_WINDOW = { start: "2001-01-01T00:00:00Z", end: "2001-01-01T01:00:00Z" };
const HOSTILE_TEXT = [
  "'; DROP TABLE bundles; --", "cpu_utilization{cpu=\"x\"} or 1=1", "../../../../etc/passwd", "nul\u0000byte",
  "é😀\u202eRTL", "x".repeat(5000), "", " ", "${jndi:ldap://x}", "%s%n%x", "null",
];
const HOSTILE_ANY = [
  {}, [], -1, 1e308, "", [1, [2, {}]], { start: {} }, true, "9999-99-99T99:99:99Z", -9007199254740991,
  ["cpu_utilization", 5], [null], { cpu: { nested: [] } }, [1e308, -1e308], "x".repeat(5000), { "'; --": "\u0000" },
];
const HOSTILE_INTEGER = [-1, 0, 2147483647, -2147483648];
const HOSTILE_NUMBER = [-1, 0, 1e-9, 1e308, -1e308];
const WRONG_TYPE = { string: 12345, integer: "many", number: "fast", boolean: "maybe", array: 42, object: 42 };

/** Arguments per tool, from what the catalog said (ctx). Every tool of tools/list must be here. */
const RECIPES = {
  system_health: () => ({ normal: {} }),
  schema_list_tables: () => ({ normal: {}, error: [{ args: { category: NO_SUCH }, closest: true }] }),
  schema_list_metrics: (c) => ({
    normal: { prefix: c.gauge.name.split("_")[0] + "_" },
    empty: [{ prefix: "zzz_" }],
    error: [{ args: { kind: NO_SUCH } }],
  }),
  schema_list_label_values: (c) => ({
    normal: { metric: c.gauge.name, label: c.gauge.label },
    error: [{ args: { metric: c.gauge.name + "x", label: c.gauge.label }, closest: true }, { args: { metric: c.gauge.name, label: NO_SUCH } }],
  }),
  schema_describe_metric: (c) => ({ normal: { metric_name: c.gauge.name }, error: [{ args: { metric_name: c.gauge.name + "x" }, closest: true }] }),
  docs_search: () => ({ normal: { q: "disk saturation" }, empty: [{ q: "zqxjv wqzzy" }], error: [{ args: { q: "cpu", level: NO_SUCH } }] }),
  docs_get: (c) => ({ normal: { id: c.docId }, error: [{ args: { id: "field:NOPE:" + NO_SUCH } }] }),
  docs_search_metrics: () => ({ normal: { q: "which thread eats the CPU" }, empty: [{ q: "zqxjv wqzzy" }] }),
  docs_list_concepts: () => ({ normal: {} }),
  docs_resolve_alias: (c) => ({ normal: { name: c.gauge.name }, error: [{ args: { name: NO_SUCH } }] }),
  top_n: (c) => ({
    normal: { metric: c.top, n: 3 },
    empty: [{ metric: c.top, ...EMPTY_WINDOW }],
    error: [{ args: { metric: NO_SUCH }, closest: true }, { args: { metric: c.top, by: NO_SUCH } }],
  }),
  compare_windows: () => ({
    normal: { window_a: ["bundle_start", "bundle_start+10m"], window_b: ["bundle_start+10m", "bundle_end"] },
    empty: [{ window_a: [EMPTY_WINDOW.start, EMPTY_WINDOW.end], window_b: ["2001-01-02T00:00:00Z", "2001-01-02T01:00:00Z"] }],
    error: [{ args: { window_a: ["not a time", "bundle_end"], window_b: ["bundle_start", "bundle_end"] } }],
  }),
  correlate_metrics: (c) => ({
    normal: { metrics: [c.gauge.name, c.gauge2] },
    empty: [{ metrics: [c.gauge.name, c.gauge2], ...EMPTY_WINDOW }],
    error: [{ args: { metrics: [c.gauge.name] } }, { args: { metrics: [c.gauge.name, NO_SUCH] }, closest: true }],
  }),
  find_anomalies: (c) => ({
    normal: { metric: c.gauge.name },
    empty: [{ metric: c.gauge.name, ...EMPTY_WINDOW }],
    error: [{ args: { metric: NO_SUCH }, closest: true }],
  }),
  graph_timeseries: (c) => ({
    normal: { metrics: [c.gauge.selector] },
    empty: [{ metrics: [`${c.gauge.name}{${c.gauge.label}="${NO_SUCH}"}`] }, { metrics: [c.gauge.name], ...EMPTY_WINDOW }],
    error: [{ args: { metrics: [NO_SUCH] }, closest: true }, { args: { metrics: [c.gauge.name], start: "not a time" } }],
  }),
  graph_compare: (c) => ({
    normal: { primary: c.gauge.selector, comparators: [c.gauge2] },
    empty: [{ primary: c.gauge.name, comparators: [c.gauge2], ...EMPTY_WINDOW }],
    error: [{ args: { primary: NO_SUCH, comparators: [c.gauge2] }, closest: true }, { args: { primary: c.gauge.name, comparators: [c.gauge2], mode: NO_SUCH } }],
  }),
  graph_topk: (c) => ({
    normal: { metric: c.top, k: 3 },
    empty: [{ metric: c.top, k: 3, ...EMPTY_WINDOW }],
    error: [{ args: { metric: NO_SUCH }, closest: true }],
  }),
  graph_latency_histogram: () => ({
    normal: { histogram: "dbwr" },
    empty: [{ histogram: "dbwr", ...EMPTY_WINDOW }],
    error: [{ args: { histogram: NO_SUCH } }],
  }),
  query_sql: (c) => ({
    normal: { sql: `SELECT bundle_id, host FROM bundles WHERE bundle_id = $1`, params: [c.bundleId ?? NO_SUCH] },
    empty: [{ sql: "SELECT bundle_id FROM bundles WHERE false" }],
    error: [{ args: { sql: "DELETE FROM bundles" } }, { args: { sql: "SELECT 1; SELECT 2" } }, { args: { sql: `SELECT * FROM ${NO_SUCH}` } }],
  }),
  query_get_patterns: () => ({ normal: { metric_kind: "gauge" }, error: [{ args: { metric_kind: NO_SUCH } }] }),
  query_build_sql: (c) => ({
    normal: { metric_name: c.gauge.name, group_by: [c.gauge.label] },
    error: [{ args: { metric_name: NO_SUCH }, closest: true }, { args: { metric_name: c.gauge.name, pattern_name: NO_SUCH } }],
  }),
  query_run: (c) => ({
    normal: { metric_name: c.gauge.name, group_by: [c.gauge.label], step_seconds: 600 },
    empty: [{ metric_name: c.gauge.name, filters: { [c.gauge.label]: NO_SUCH } }, { metric_name: c.gauge.name, start_time: EMPTY_WINDOW.start, end_time: EMPTY_WINDOW.end }],
    error: [{ args: { metric_name: c.gauge.name, start_time: "not a time" } }, { args: { metric_name: NO_SUCH }, closest: true }],
  }),
  support_load_bundle: (c) => ({
    // Before a load, a bad path (the sweep must not load the bundle itself there); after it, a reuse.
    normal: c.bundleId ? { path: c.bundle } : null,
    error: [{ args: { path: `/nonexistent/${NO_SUCH}.tar.gz` } }],
  }),
  support_unload_bundle: () => ({ error: [{ args: { bundle_id: NO_SUCH } }] }),
  support_list_bundles: () => ({ normal: {} }),
  support_active_context: () => ({ normal: {} }),
  support_switch_active: (c) => ({ normal: c.bundleId ? { bundle_id: c.bundleId } : null, error: [{ args: { bundle_id: NO_SUCH } }] }),
  support_ingest_status: (c) => ({ normal: c.jobId ? { job_id: c.jobId } : {}, error: [{ args: { job_id: "job-" + NO_SUCH } }] }),
  support_cancel_ingest: (c) => ({ error: [{ args: { job_id: c.jobId ?? "job-" + NO_SUCH } }, { args: { job_id: "job-" + NO_SUCH } }] }),
  metrics_list: (c) => ({ normal: { prefix: c.gauge.name.split("_")[0] + "_" }, empty: [{ prefix: "zzz_" }] }),
  metric_metadata: (c) => ({ normal: { metric: c.gauge.name }, error: [{ args: { metric: NO_SUCH }, closest: true }] }),
  label_values: (c) => ({
    normal: { label: c.gauge.label, metric: c.gauge.name },
    error: [{ args: { label: c.gauge.label + "x" }, closest: true }],
  }),
  query_range: (c) => ({
    normal: { metric: c.gauge.selector },
    empty: [{ metric: `${c.gauge.name}{${c.gauge.label}="${NO_SUCH}"}` }, { metric: c.gauge.name, start_ms: Date.parse(EMPTY_WINDOW.start), end_ms: Date.parse(EMPTY_WINDOW.end), step_ms: 60000 }],
    error: [{ args: { metric: NO_SUCH }, closest: true }, { args: { metric: c.gauge.name, start: "not a time" } }],
  }),
};

/** Outcomes the generic cases below produce for every tool, whatever its recipe. */
const GENERIC = ["unknown_arg", "no_arguments", "missing", "wrong_type", "hostile"];

export class ContractSweep {
  /** tools: the tools/list answer (the client must have listed them: that is what arms its output validators). */
  /** hostile: false leaves out the wrong_type and hostile cases (the bulk of the calls; the server code they reach is
   * the same over every transport, so the walk-through runs them over one). */
  constructor(client, tools, { log = console.log, timeout = 120_000, hostile = true } = {}) {
    this.hostile = hostile;
    this.client = client;
    this.tools = tools;
    this.log = log;
    this.timeout = timeout;
    this.failures = [];
    this.calls = 0;
    this.covered = new Map(); // tool -> Set(outcome)
    this.extras = new Set(); // "prompts", "logging": answered without an error
    this.slowest = [];
    // SWEEP_TRACE=file.json: every call (outcome, tool, arguments, ms, isError, code, characters) for a closer look.
    this.trace = process.env.SWEEP_TRACE ? [] : null;
    const missing = tools.map((t) => t.name).filter((n) => !RECIPES[n]);
    if (missing.length) this.fail("tools/list", "recipe", `no args recipe in contract-sweep.mjs for ${missing.join(", ")}`);
  }

  /**
   * One outcome of the session. "no_bundle"/"after_unload"/"docs_down"/"db_down": every tool once with its normal
   * arguments (any answer). "loaded": ctx is discovered from the catalog first, then normal, empty, error and the
   * generic cases of every tool.
   */
  async phase(name, ctx = {}) {
    const started = performance.now();
    const before = this.calls;
    const c = { ...FALLBACK, ...ctx };
    if (name === "loaded") Object.assign(c, await this.discover(c));
    for (const tool of this.tools) {
      const recipe = RECIPES[tool.name]?.(c);
      if (!recipe) continue;
      if (name !== "loaded") {
        // No bundle / a service down: the normal call must still answer in the contract, error or not.
        const args = recipe.normal ?? recipe.error?.[0]?.args ?? {};
        const r = await this.call(name, tool, args, "any");
        // The outcome was really reached: the service is down as far as the server can tell.
        if (r && name === "docs_down" && tool.name === "docs_search" && ![...(r.json.warnings ?? []), r.json.error?.code].includes("docs_unavailable")) {
          this.fail(name, "docs_search", `docs_unavailable expected: ${clip(JSON.stringify(r.json), 300)}`);
        }
        if (r && name === "db_down" && tool.name === "system_health" && r.json.database?.reachable !== false) {
          this.fail(name, "system_health", `database.reachable false expected: ${clip(JSON.stringify(r.json), 300)}`);
        }
        continue;
      }
      if (recipe.normal) await this.call("normal", tool, recipe.normal, "ok");
      for (const args of recipe.empty ?? []) await this.call("empty", tool, args, "ok");
      for (const e of recipe.error ?? []) await this.call("error", tool, e.args, e.closest ? "closest" : "error");
      await this.generic(tool, recipe.normal ?? recipe.error?.[0]?.args ?? {});
    }
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    this.log(`sweep ${name}: ${this.calls - before} calls in ${secs} s, ${this.failures.length} failures so far`);
  }

  /**
   * "loading": a forced reload of the bundle runs (wait_seconds 0) while every tool is called once; a second forced
   * load is cancelled; the bundles they made are unloaded (a real unload) and ctx.bundleId is made active again.
   */
  async loading(ctx) {
    const started = performance.now();
    const before = this.calls;
    const tool = (n) => this.tools.find((t) => t.name === n);
    const start = async () => (await this.call("loading", tool("support_load_bundle"), { path: ctx.bundle, force: true, wait_seconds: 0 }, "ok"))?.json?.job_id;
    const c = { ...FALLBACK, ...ctx };
    const job = await start();
    for (const t of this.tools) {
      const recipe = RECIPES[t.name]?.(c);
      if (recipe && t.name !== "support_load_bundle") await this.call("loading", t, recipe.normal ?? recipe.error?.[0]?.args ?? {}, "any");
    }
    const cancelled = await start();
    if (cancelled) await this.call("loading", tool("support_cancel_ingest"), { job_id: cancelled }, "any");
    for (const id of [job, cancelled].filter(Boolean)) {
      const bundleId = await this.finished(id);
      if (bundleId && bundleId !== ctx.bundleId) await this.call("loading", tool("support_unload_bundle"), { bundle_id: bundleId }, "ok");
    }
    await this.call("loading", tool("support_switch_active"), { bundle_id: ctx.bundleId }, "ok");
    const secs = ((performance.now() - started) / 1000).toFixed(1);
    this.log(`sweep loading: ${this.calls - before} calls in ${secs} s, ${this.failures.length} failures so far`);
  }

  /** Follows a load job with support_ingest_status until it ends (at most 300 s); its bundle_id, if it made one. */
  async finished(jobId) {
    const deadline = Date.now() + 300_000;
    while (Date.now() < deadline) {
      const r = await this.call("loading", this.tools.find((t) => t.name === "support_ingest_status"), { job_id: jobId }, "ok");
      const job = r?.json?.job ?? r?.json?.jobs?.find((j) => j.job_id === jobId) ?? r?.json;
      if (!job || !["queued", "running"].includes(job.state)) return job?.bundle_id ?? null;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    this.fail("loading", `support_ingest_status ${jobId}`, "the load did not end within 300 s");
    return null;
  }

  /**
   * The server's other capabilities through the SDK's own result schemas: every prompt of prompts/list with no
   * arguments and with all of them (must answer), with hostile values (an answer or a JSON-RPC error, nothing
   * else); logging/setLevel when logging is offered.
   */
  async promptsAndLogging() {
    const caps = this.client.getServerCapabilities() ?? {};
    if (caps.logging) await this.request("logging", "setLoggingLevel", () => this.client.setLoggingLevel("warning"), false);
    if (!caps.prompts) return;
    const listed = await this.request("prompts", "prompts/list", () => this.client.listPrompts(), false);
    for (const prompt of listed?.prompts ?? []) {
      const names = (prompt.arguments ?? []).map((a) => a.name);
      const all = Object.fromEntries(names.map((n) => [n, n.includes("start") ? "bundle_start" : n.includes("end") ? "bundle_end" : "CPU busy"]));
      const required = Object.fromEntries((prompt.arguments ?? []).filter((a) => a.required).map((a) => [a.name, all[a.name]]));
      const get = (args) => () => this.client.getPrompt({ name: prompt.name, arguments: args });
      const r = await this.request("prompts", `${prompt.name} (required only)`, get(required), false);
      if (r && !(Array.isArray(r.messages) && r.messages.length)) this.fail("prompts", prompt.name, "no messages");
      await this.request("prompts", `${prompt.name} (all arguments)`, get(all), false);
      for (const [i, n] of names.entries()) await this.request("prompts", `${prompt.name} (${n} hostile)`, get({ ...required, [n]: HOSTILE_TEXT[i % HOSTILE_TEXT.length] }), true);
    }
  }

  /** A non-tool request; a JSON-RPC error (McpError, has a numeric code) is a failure unless rpcErrorOk. */
  async request(outcome, what, send, rpcErrorOk) {
    this.calls++;
    try {
      const r = await send();
      this.extras.add(outcome);
      return r;
    } catch (e) {
      if (rpcErrorOk && Number.isInteger(e.code) && e.code < 0) return null;
      return this.fail(outcome, what, `threw (${e.code ?? "no code"}): ${clip(e.message, 400)}`);
    }
  }

  /** The arguments' unknown/missing/wrong-type/hostile variants, from the tool's input schema. */
  async generic(tool, base) {
    const props = tool.inputSchema?.properties ?? {};
    const required = tool.inputSchema?.required ?? [];
    await this.call("unknown_arg", tool, { ...base, sweep_unknown_argument: 1 }, "invalid_argument");
    // No arguments member at all: a tool with required arguments refuses, one without answers.
    await this.call("no_arguments", tool, undefined, required.length ? "invalid_argument" : "any");
    for (const r of required) {
      const { [r]: _, ...rest } = base;
      await this.call("missing", tool, rest, "invalid_argument");
    }
    if (!this.hostile) return;
    let i = 0;
    for (const [name, schema] of Object.entries(props)) {
      const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
      if (type && WRONG_TYPE[type] !== undefined) await this.call("wrong_type", tool, { ...base, [name]: WRONG_TYPE[type] }, "invalid_argument");
      // Destructive switches stay off: purge_all true would unload every bundle.
      if (type === "boolean") continue;
      const pool = type === "string" ? HOSTILE_TEXT : type === "integer" ? HOSTILE_INTEGER : type === "number" ? HOSTILE_NUMBER : HOSTILE_ANY;
      const take = (n) => Array.from({ length: n }, () => pool[i++ % pool.length]);
      const values = type === "string" ? take(2) : !type ? take(4) : pool;
      for (const v of values) await this.call("hostile", tool, { ...base, [name]: v }, "any");
    }
  }

  /** Names from the catalog of the loaded bundle: a gauge with a label that has values, a second gauge, a top metric. */
  async discover(c) {
    const found = {};
    const context = await this.data("support_active_context", {});
    found.bundleId = context?.bundle?.bundle_id ?? c.bundleId;
    const gauges = (await this.data("schema_list_metrics", { kind: "gauge", limit: 200 }))?.metrics ?? [];
    const preferred = ["cpu_utilization", "disk_busy_percent"];
    const ordered = [...gauges.filter((m) => preferred.includes(m.metric_name)), ...gauges.filter((m) => !preferred.includes(m.metric_name))];
    for (const m of ordered.filter((m) => m.local_labels?.length).slice(0, 12)) {
      const label = m.local_labels[0];
      const values = (await this.data("schema_list_label_values", { metric: m.metric_name, label, limit: 5 }))?.values ?? [];
      if (values.length) {
        found.gauge = { name: m.metric_name, label, value: values[0], selector: `${m.metric_name}{${label}="${values[0]}"}` };
        break;
      }
    }
    found.gauge ??= c.gauge;
    found.gauge2 = gauges.find((m) => m.metric_name !== found.gauge.name && !m.local_labels?.length)?.metric_name ?? c.gauge2;
    found.top = (await this.data("schema_list_metrics", { prefix: "top_cpu", limit: 5 }))?.metrics?.[0]?.metric_name ?? c.top;
    const hits = await this.data("docs_search", { q: found.gauge.name, limit: 3 });
    found.docId = (hits?.result?.results ?? hits?.results ?? [])[0]?.id ?? c.docId;
    this.log(`sweep: catalog gave gauge ${found.gauge.selector}, second gauge ${found.gauge2}, top ${found.top}, doc ${found.docId}`);
    return found;
  }

  /** A plain successful call's JSON (discovery), or null. */
  async data(name, args) {
    if (!this.tools.some((t) => t.name === name)) return null;
    const r = await this.call("discover", this.tools.find((t) => t.name === name), args, "any");
    return r && !r.isError ? r.json : null;
  }

  /**
   * expect: "ok" (not isError), "error" (isError with a code), "closest" (isError with closest names),
   * "invalid_argument" (that code), "any" (either, in the contract).
   */
  async call(outcome, tool, args, expect) {
    this.calls++;
    const where = `${tool.name} ${clip(JSON.stringify(args), 160)}`;
    const started = performance.now();
    let result;
    try {
      result = await this.client.callTool({ name: tool.name, arguments: args }, undefined, { timeout: this.timeout });
    } catch (e) {
      return this.fail(outcome, where, `callTool threw (${e.code ?? "no code"}): ${clip(e.message, 600)}`);
    }
    const ms = performance.now() - started;
    this.slowest.push({ ms, where: `${outcome} ${where}` });
    this.slowest.sort((a, b) => b.ms - a.ms).splice(5);
    if (!this.covered.has(tool.name)) this.covered.set(tool.name, new Set());
    this.covered.get(tool.name).add(outcome);
    const text = result.content.filter((b) => b.type === "text").at(-1)?.text ?? "";
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      return this.fail(outcome, where, `the last text block is not JSON: ${clip(text, 200)}`);
    }
    if (json === null || typeof json !== "object" || Array.isArray(json)) return this.fail(outcome, where, `the answer is not a JSON object: ${clip(text, 200)}`);
    const code = json.error?.code;
    const chars = result.content.reduce((n, b) => n + (b.type === "text" ? b.text.length : 0), 0);
    this.trace?.push({ outcome, tool: tool.name, args: clip(JSON.stringify(args), 300), ms: Math.round(ms), isError: !!result.isError, code, warnings: json.warnings, chars });
    if (result.isError) {
      if (typeof code !== "string" || !code) return this.fail(outcome, where, `isError without error.code: ${clip(text, 300)}`);
      if (code === "internal_error") return this.fail(outcome, where, `internal_error: ${clip(text, 300)}`);
    } else if (code) {
      return this.fail(outcome, where, `error.code ${code} without isError`);
    }
    const fail = (why) => this.fail(outcome, where, `${why}: ${clip(text, 300)}`);
    if (expect === "ok" && result.isError) return fail("expected an answer, got an error");
    // The chart, analysis and legacy tools answer an unknown metric softly (their usual shape, empty, with warnings
    // ["metric_not_found"], message, closest): an error outcome is isError or that.
    const soft = !result.isError && Array.isArray(json.warnings) && json.warnings.length > 0;
    if ((expect === "error" || expect === "closest") && !result.isError && !soft) return fail("expected isError or a warnings answer");
    const closest = json.error?.closest ?? json.closest;
    if (expect === "closest" && !(Array.isArray(closest) && closest.length)) return fail("expected closest names");
    if (expect === "invalid_argument" && code !== "invalid_argument") return fail(`expected invalid_argument, got ${code ?? "an answer"}`);
    return { isError: !!result.isError, json };
  }

  fail(outcome, where, why) {
    this.failures.push(`${outcome}: ${where}: ${why}`);
    this.log(`FAIL sweep ${outcome}: ${where}: ${why}`);
    return null;
  }

  /** "33 tools x outcomes, N calls" and the failures; throws when any. */
  report() {
    const pairs = [...this.covered.values()].reduce((n, s) => n + [...s].filter((o) => o !== "discover").length, 0);
    const outcomes = new Set([...this.covered.values()].flatMap((s) => [...s]).filter((o) => o !== "discover"));
    this.log(`sweep: ${this.covered.size} tools, ${pairs} tool x outcome pairs (${[...outcomes].join(", ")}), ` +
      `${this.extras.size ? `also ${[...this.extras].join(" and ")}, ` : ""}${this.calls} calls, ` +
      `slowest ${this.slowest.slice(0, 3).map((s) => `${Math.round(s.ms)} ms ${clip(s.where, 80)}`).join("; ")}`);
    if (this.trace) writeFileSync(process.env.SWEEP_TRACE, JSON.stringify(this.trace, null, 1));
    const uncovered = this.tools.map((t) => t.name).filter((n) => !this.covered.has(n));
    if (uncovered.length) this.failures.push(`never called: ${uncovered.join(", ")}`);
    if (this.failures.length) throw new Error(`contract sweep: ${this.failures.length} failures:\n  ${this.failures.slice(0, 40).join("\n  ")}`);
  }
}

/** What the recipes use before the catalog was read (no bundle, a service down). */
const FALLBACK = {
  gauge: { name: "cpu_utilization", label: "cpu", value: "cpu", selector: "cpu_utilization{cpu=\"cpu\"}" },
  gauge2: "mem_available_percent",
  top: "top_cpu_percent",
  docId: "field:CPU:cpu_utilization",
};

export { RECIPES, GENERIC };

function clip(s, n) {
  s = String(s);
  return s.length <= n ? s : s.slice(0, n) + "…";
}

// Script use (run.sh): one outcome against a server whose docs service or database is down.
if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const a = process.argv.slice(2);
  const opt = (n) => (a.includes(n) ? a[a.indexOf(n) + 1] : undefined);
  const url = opt("--http"), stdio = opt("--stdio"), phase = opt("--phase"), bundle = opt("--bundle");
  if ((!url && !stdio) || !phase) {
    console.error("usage: node contract-sweep.mjs --http URL | --stdio \"command args\" --phase docs_down|db_down [--bundle PATH]");
    process.exit(2);
  }
  const client = new Client({ name: "perfaspire-contract-sweep", version: "1.0.0" });
  let transport;
  if (url) transport = new StreamableHTTPClientTransport(new URL(url));
  else {
    // Like a desktop host: the default environment plus TIMESCALE_DSN (here one that points where nothing listens).
    const { StdioClientTransport, getDefaultEnvironment } = await import("@modelcontextprotocol/sdk/client/stdio.js");
    const [command, ...args] = stdio.split(" ").filter(Boolean);
    transport = new StdioClientTransport({ command, args, env: { ...getDefaultEnvironment(), TIMESCALE_DSN: process.env.TIMESCALE_DSN ?? "" }, stderr: "ignore" });
  }
  await client.connect(transport, { timeout: 300_000 });
  try {
    const { tools } = await client.listTools();
    const sweep = new ContractSweep(client, tools);
    const ctx = { bundle };
    if (bundle) {
      // With the database up, load (or reuse) the bundle so the down service is the only thing missing.
      const r = await sweep.call("discover", tools.find((t) => t.name === "support_load_bundle"), { path: bundle }, "ok");
      ctx.bundleId = r?.json?.bundle_id;
    }
    await sweep.phase(phase, ctx);
    if (ctx.bundleId) await client.callTool({ name: "support_unload_bundle", arguments: { bundle_id: ctx.bundleId } });
    sweep.report();
    console.log(`PASS contract sweep ${phase}`);
  } catch (e) {
    console.error(`FAIL contract sweep ${phase}: ${e.message}`);
    process.exitCode = 1;
  } finally {
    await client.close();
  }
}
