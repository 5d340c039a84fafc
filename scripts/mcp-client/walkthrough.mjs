// U2: a stock MCP client (the official TypeScript SDK) drives PerfAspire through a whole session:
// load a bundle (watching progress notifications), discover metrics, build and run queries, get a chart image,
// search the docs, unload. Every step is printed; any failure exits non-zero.
//
// Usage: node walkthrough.mjs --bundle /abs/path/bundle.tar.gz [--http URL] [--stdio "cmd arg..." | --stdio-readme README.md] [--out DIR]
//   --http          Streamable HTTP endpoint, e.g. http://127.0.0.1:5100/mcp
//   --stdio         command line of the MCP server in stdio mode (its environment is inherited)
//   --stdio-readme  start the stdio server exactly as the README's claude_desktop_config.json snippet says: its command,
//                   its args, and only its env (TIMESCALE_DSN, whose value comes from this process's TIMESCALE_DSN) on
//                   top of the few variables any client passes (PATH, HOME, ...)
//   --out           directory for the transcript (JSON per transport) and the chart PNG
//   --no-sweep      skip the contract sweep (contract-sweep.mjs: every tool of tools/list in every outcome, before the
//                   load, with the bundle loaded and after the unload)
// At least one of --http / --stdio / --stdio-readme. Both given: the flow runs over HTTP, then again over stdio.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioClientTransport, getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { ContractSweep } from "./contract-sweep.mjs";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const opts = parseArgs(process.argv.slice(2));
if (opts.stdioReadme) opts.stdio = readmeStdio(opts.stdioReadme);
if (!opts.bundle || (!opts.http && !opts.stdio)) {
  console.error("usage: node walkthrough.mjs --bundle /abs/path [--http URL] [--stdio \"command args\" | --stdio-readme README.md] [--out DIR]");
  process.exit(2);
}
if (opts.out) mkdirSync(opts.out, { recursive: true });

// The small reference bundle starts 2025-06-28 00:00 UTC; its storage incident runs from about 00:36 to 00:46.
const SLOW_START = "2025-06-28T00:36:00Z";
const SLOW_END = "2025-06-28T00:46:00Z";
const REQUIRED_TOOLS = [
  "support_load_bundle", "schema_list_metrics", "schema_describe_metric", "query_get_patterns",
  "query_build_sql", "query_run", "docs_search", "support_unload_bundle",
];
// Charts come from the legacy/graph tool family; a server without it gets a visible SKIP, not a silent pass.
const CHART_TOOL = "graph_timeseries";

class StepFailure extends Error {}

let failures = 0;
let hostileDone = false;
for (const transport of [opts.http && "http", opts.stdio && "stdio"].filter(Boolean)) {
  try {
    await session(transport);
    console.log(`PASS ${transport}: every step succeeded`);
  } catch (e) {
    failures++;
    console.error(`FAIL ${transport}: ${e instanceof StepFailure ? e.message : e?.stack ?? e}`);
  }
}
process.exit(failures === 0 ? 0 : 1);

async function session(kind) {
  const transcript = { transport: kind, started: new Date().toISOString(), steps: [] };
  const client = new Client({ name: "perfaspire-walkthrough", version: "1.0.0" });
  const transport = kind === "http"
    ? new StreamableHTTPClientTransport(new URL(opts.http))
    : new StdioClientTransport({ command: opts.stdio.command, args: opts.stdio.args, env: opts.stdio.env, stderr: "pipe" });
  // The stdio server logs every call to stderr (the sweep makes hundreds): kept, and shown only when the pass fails.
  const serverLog = [];
  transport.stderr?.on("data", (chunk) => {
    serverLog.push(...chunk.toString().split("\n"));
    serverLog.splice(0, Math.max(0, serverLog.length - 200));
  });
  console.log(`\n=== ${kind}: ${kind === "http" ? opts.http : [opts.stdio.command, ...opts.stdio.args].join(" ")}` +
    (kind === "stdio" && opts.stdio.shown ? ` with env ${opts.stdio.shown}` : ""));
  let bundleId = null;
  let passed = false;
  try {
    // A cold `dotnet` start of the stdio server on a busy 2-core machine can outlast the SDK's 60 s default.
    await client.connect(transport, { timeout: 300_000 });
    const server = client.getServerVersion();
    console.log(`connected to ${server?.name} ${server?.version}`);

    const listed = await client.listTools(undefined, { timeout: 300_000 });
    const { tools } = listed;
    const names = new Set(tools.map((t) => t.name));
    const missing = REQUIRED_TOOLS.filter((t) => !names.has(t));
    console.log(`tools/list: ${tools.length} tools`);
    transcript.tools = [...names].sort();
    if (missing.length) throw new StepFailure(`tools/list lacks ${missing.join(", ")}`);
    if (listed.nextCursor) throw new StepFailure("tools/list is paged: the walk-through and the sweep read one page");

    // The contract sweep, part 1: every tool before any bundle is loaded.
    // Its wrong-type and hostile argument cases run over the first transport only: same server code, half the time.
    const sweep = opts.sweep ? new ContractSweep(client, tools, { hostile: !hostileDone }) : null;
    hostileDone = true;
    await sweep?.phase("no_bundle", { bundle: opts.bundle });

    const call = (name, args, check, extra = {}) => step(client, transcript, name, args, check, extra);

    // 1. Load, watching progress notifications.
    const progress = [];
    const loaded = await call("support_load_bundle", { path: opts.bundle, force: true }, (j) => {
      expect(j.state === "succeeded", `state is ${j.state}`);
      expect(typeof j.bundle_id === "string" && j.bundle_id.length > 0, "no bundle_id");
      return `bundle ${j.bundle_id}, ${sumRows(j.summary)} rows`;
    }, {
      onprogress: (p) => {
        progress.push(p);
        console.log(`    progress ${p.progress}/${p.total ?? "?"} ${p.message ?? ""}`);
      },
    });
    bundleId = loaded.bundle_id;
    transcript.progress = progress;
    expect(progress.length > 0, "support_load_bundle sent no progress notification");

    // 2. Discover.
    await call("schema_list_metrics", { prefix: "disk_" }, (j) => {
      expect(Array.isArray(j.metrics) && j.metrics.length > 0, "no disk_ metric listed");
      expect(j.metrics.some((m) => m.metric_name === "disk_busy_percent"), "disk_busy_percent not listed");
      return `${j.count} metrics: ${j.metrics.slice(0, 4).map((m) => m.metric_name).join(", ")}, ...`;
    });
    await call("schema_describe_metric", { metric_name: "disk_busy_percent" }, (j) => {
      expect(j.metric_name === "disk_busy_percent", `described ${j.metric_name}`);
      expect(j.local_labels?.includes("device"), "no device label");
      return `${j.metric_kind}, ${j.unit}, labels ${j.local_labels.join(", ")}, default pattern ${j.default_pattern}`;
    });
    await call("query_get_patterns", { metric_kind: "gauge" }, (j) => {
      expect(j.patterns?.some((p) => p.pattern_name === "timeseries_avg"), "timeseries_avg missing");
      return j.patterns.map((p) => p.pattern_name).join(", ");
    });

    // 3. Build and run queries over the slow period.
    await call("query_build_sql", {
      pattern_name: "timeseries_avg", metric_name: "disk_busy_percent", start_time: SLOW_START, end_time: SLOW_END,
      step_seconds: 60, group_by: ["device"],
    }, (j) => {
      expect(/select/i.test(j.sql ?? ""), "no SQL returned");
      expect(j.params && Object.keys(j.params).length > 0, "no bind parameters");
      return `${j.sql.length} chars of SQL, params ${Object.keys(j.params).join(", ")}`;
    });
    await call("query_run", {
      pattern_name: "timeseries_avg", metric_name: "disk_busy_percent", start_time: SLOW_START, end_time: SLOW_END,
      step_seconds: 120, group_by: ["device"],
    }, (j) => {
      expect(j.row_count > 0, `no rows (${j.empty_reason ?? "no reason"})`);
      return `${j.row_count} rows, columns ${j.columns.join(", ")}`;
    });
    await call("query_run", {
      pattern_name: "topk", metric_name: "top_cpu_percent", start_time: SLOW_START, end_time: SLOW_END,
      k: 5, group_by: ["exec"],
    }, (j) => {
      expect(j.row_count > 0, `no rows (${j.empty_reason ?? "no reason"})`);
      return `top ${j.row_count}: ${j.rows.map((r) => r[0]).join(", ")}`;
    });

    // 4. A chart as an image.
    if (!names.has(CHART_TOOL)) {
      console.log(`SKIP ${CHART_TOOL}: this server does not offer it`);
      transcript.skipped = [CHART_TOOL];
    } else await call("graph_timeseries", { metrics: ["disk_busy_percent", "cpu_iowait_percent{cpu=\"cpu\"}"] }, (j, result) => {
      const image = result.content.find((c) => c.type === "image");
      expect(image, "no image content");
      expect(image.mimeType === "image/png", `image is ${image.mimeType}`);
      const png = Buffer.from(image.data, "base64");
      expect(png.subarray(1, 4).toString("latin1") === "PNG", "image data is not a PNG");
      if (opts.out) writeFileSync(join(opts.out, `chart-${kind}.png`), png);
      expect(Array.isArray(j.series) && j.series.length > 0, "no series next to the chart");
      return `PNG ${png.length} bytes, ${j.series.length} series`;
    });

    // 5. Docs.
    // The docs service answers docs_unavailable while its index loads or when it is slow (5 s per attempt): the
    // MCP server degrades on purpose, so ask again a few times before calling it a failure.
    for (let attempt = 1; attempt < 4; attempt++) {
      const probe = await client.callTool({ name: "docs_search", arguments: { q: "disk" } }, CallToolResultSchema, { timeout: 60_000 });
      if (!probe.content.some((c) => c.type === "text" && c.text.includes("docs_unavailable"))) break;
      console.log(`    docs_unavailable (attempt ${attempt}); asking again in 5 s`);
      await new Promise((r) => setTimeout(r, 5000));
    }
    await call("docs_search", { q: "disk queue length high but service time modest" }, (j) => {
      const hits = j.result?.results ?? j.results ?? [];
      expect(Array.isArray(hits) && hits.length > 0, `no docs hit (${j.error?.code ?? JSON.stringify(j).slice(0, 200)})`);
      return `${hits.length} hits: ${hits.slice(0, 3).map((h) => h.id ?? h.title).join(", ")}`;
    });

    // The contract sweep, part 2: every tool in every outcome with the bundle loaded.
    await sweep?.phase("loaded", { bundle: opts.bundle, bundleId, jobId: loaded.job_id });
    await sweep?.loading({ bundle: opts.bundle, bundleId });
    await sweep?.promptsAndLogging();

    // 6. Unload.
    await call("support_unload_bundle", { bundle_id: bundleId }, () => `unloaded ${bundleId}`);
    bundleId = null;

    // Part 3: every tool once more now that the bundle is gone; then the verdict (throws on any failure).
    if (sweep) {
      await sweep.phase("after_unload", { bundle: opts.bundle });
      try {
        sweep.report();
      } catch (e) {
        throw new StepFailure(e.message);
      }
    }
    passed = true;
  } finally {
    if (!passed && serverLog.length) console.error(`----- ${kind} server stderr (last ${serverLog.length} lines)\n${serverLog.join("\n")}`);
    if (bundleId) {
      // A failed step must not leave the bundle behind for the next transport.
      await client.callTool({ name: "support_unload_bundle", arguments: { bundle_id: bundleId } }).catch(() => {});
    }
    transcript.finished = new Date().toISOString();
    if (opts.out) writeFileSync(join(opts.out, `transcript-${kind}.json`), JSON.stringify(transcript, null, 2));
    await client.close();
  }
}

async function step(client, transcript, name, args, check, extra) {
  const started = performance.now();
  let result;
  try {
    result = await client.callTool({ name, arguments: args }, CallToolResultSchema, {
      timeout: 600_000, resetTimeoutOnProgress: true, ...extra,
    });
  } catch (e) {
    throw new StepFailure(`${name}: protocol error: ${e.message}`);
  }
  const ms = Math.round(performance.now() - started);
  const text = result.content.filter((c) => c.type === "text").map((c) => c.text).join("\n");
  transcript.steps.push({
    tool: name, arguments: args, ms, isError: !!result.isError, text,
    images: result.content.filter((c) => c.type === "image").map((c) => ({ mimeType: c.mimeType, bytes: Buffer.from(c.data, "base64").length })),
  });
  if (result.isError) throw new StepFailure(`${name}: tool error: ${text.slice(0, 500)}`);
  let json;
  try {
    json = result.structuredContent ?? JSON.parse(text);
  } catch {
    throw new StepFailure(`${name}: answer is not JSON: ${text.slice(0, 200)}`);
  }
  let summary;
  try {
    summary = check(json, result);
  } catch (e) {
    throw new StepFailure(`${name}: ${e.message}; answer: ${text.slice(0, 400)}`);
  }
  console.log(`ok  ${name} (${ms} ms): ${summary}`);
  return json;
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function sumRows(summary) {
  const rows = summary?.metrics_ingested?.rows ?? summary?.rows_per_table;
  if (typeof rows === "number") return rows;
  if (rows && typeof rows === "object") return Object.values(rows).reduce((a, b) => a + (typeof b === "number" ? b : 0), 0);
  return "?";
}

function parseArgs(argv) {
  const o = { sweep: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i] ?? (console.error(`${a} needs a value`), process.exit(2));
    if (a === "--bundle") o.bundle = next();
    else if (a === "--http") o.http = next();
    else if (a === "--stdio") {
      const [command, ...args] = next().split(" ").filter(Boolean);
      o.stdio = { command, args, env: { ...process.env } };
    } else if (a === "--stdio-readme") o.stdioReadme = next();
    else if (a === "--out") o.out = next();
    else if (a === "--no-sweep") o.sweep = false;
    else { console.error(`unknown argument ${a}`); process.exit(2); }
  }
  return o;
}

// The README's Claude Desktop configuration, as a user pastes it: the first ```json block after
// "claude_desktop_config.json". Only TIMESCALE_DSN may be in its env; its value here is the walk-through's database.
function readmeStdio(path) {
  const readme = readFileSync(path, "utf8");
  const at = readme.indexOf("claude_desktop_config.json");
  const block = at < 0 ? null : /```json\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) { console.error(`${path}: no claude_desktop_config.json snippet`); process.exit(2); }
  const server = JSON.parse(block[1]).mcpServers?.perfaspire;
  const names = Object.keys(server?.env ?? {});
  if (!server?.command || names.join() !== "TIMESCALE_DSN") {
    console.error(`${path}: the Claude Desktop snippet must start perfaspire with env TIMESCALE_DSN only (has ${names.join(", ") || "none"})`);
    process.exit(2);
  }
  if (!process.env.TIMESCALE_DSN) { console.error("--stdio-readme needs TIMESCALE_DSN"); process.exit(2); }
  return {
    command: server.command,
    args: server.args ?? [],
    env: { ...getDefaultEnvironment(), TIMESCALE_DSN: process.env.TIMESCALE_DSN },
    shown: "TIMESCALE_DSN (only)",
  };
}
