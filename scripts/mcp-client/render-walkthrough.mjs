// Turns a transcript written by walkthrough.mjs (--out DIR) into the README walk-through section: the prompt a user
// types, the tool call their MCP client makes, and the real answer, trimmed (long arrays cut, long strings clipped).
// Usage: node render-walkthrough.mjs DIR/transcript-http.json > docs/walkthrough.md (the part after its first lines)
import { readFileSync } from "node:fs";

const transcript = JSON.parse(readFileSync(process.argv[2], "utf8"));
const prompts = {
  support_load_bundle: "Load the support bundle at {path}",
  schema_list_metrics: "Which disk metrics are there?",
  schema_describe_metric: "What exactly is disk_busy_percent?",
  query_get_patterns: "How can I query a gauge like that?",
  query_build_sql: "Show me the SQL you would run for disk busy per device while it was slow.",
  "query_run#0": "The box was slow around 00:40. What were the disks doing between 00:36 and 00:46?",
  "query_run#1": "And which threads used the most CPU in that window?",
  graph_timeseries: "Chart disk busy and CPU iowait for the whole bundle.",
  docs_search: "What does it mean when the disk queue is long but the service time is modest?",
  support_unload_bundle: "We're done, unload the bundle.",
};

// Keys that add length but nothing a reader of the walk-through needs.
const DROP = new Set(["bundle_hash", "host_id", "job_id", "files", "rejected_samples", "loaded_at", "categories_ingested", "param_style", "source_path", "bundle_id"]);

const seen = {};
const out = [];
for (const s of transcript.steps) {
  const n = (seen[s.tool] = (seen[s.tool] ?? -1) + 1);
  const prompt = (prompts[`${s.tool}#${n}`] ?? prompts[s.tool] ?? s.tool).replace("{path}", s.arguments.path ?? "");
  out.push(`**You:** ${prompt}`, "");
  out.push(`The client calls \`${s.tool}\` with \`${JSON.stringify(s.arguments)}\`; the answer (trimmed):`, "");
  if (s.tool === "support_load_bundle" && transcript.progress?.length) {
    out.push("Progress notifications while it runs:", "", "```");
    const all = transcript.progress;
    const shown = all.length <= 8 ? all : [...all.slice(0, 3), ...all.slice(Math.floor(all.length / 2), Math.floor(all.length / 2) + 2), ...all.slice(-3)];
    for (const p of shown) out.push(`${String(p.progress).padStart(5)}%  ${p.message ?? ""}`);
    out.push("```", "");
  }
  // Chart tools answer with a one-line caption before the JSON.
  const brace = s.text.startsWith("{") ? 0 : s.text.indexOf("\n{") + 1;
  const caption = brace > 0 ? s.text.slice(0, brace).trim() : "";
  let body;
  try {
    body = compact(trim(JSON.parse(s.text.slice(Math.max(brace, 0))), 0), 0);
  } catch {
    body = s.text.slice(0, 1500);
  }
  if (caption) out.push("```text", caption, "```", "");
  out.push("```json", body, "```", "");
  for (const img of s.images ?? []) out.push(`Plus an image (${img.mimeType}, ${img.bytes} bytes) that the client shows inline:`, "", "![chart returned by graph_timeseries](../images/chart-graph-timeseries.png)", "");
}
console.log(out.join("\n"));

// Pretty at the top levels, one line per value below: readable and short.
function compact(v, depth) {
  if (depth >= 2 || v === null || typeof v !== "object" || JSON.stringify(v).length < 90) return JSON.stringify(v);
  const pad = "  ".repeat(depth + 1);
  const end = "  ".repeat(depth);
  if (Array.isArray(v)) return `[\n${v.map((x) => pad + compact(x, depth + 1)).join(",\n")}\n${end}]`;
  return `{\n${Object.entries(v).map(([k, x]) => `${pad}${JSON.stringify(k)}: ${compact(x, depth + 1)}`).join(",\n")}\n${end}}`;
}

function trim(v, depth) {
  if (Array.isArray(v)) {
    const limit = depth === 0 ? 6 : 3;
    const kept = v.slice(0, limit).map((x) => trim(x, depth + 1));
    if (v.length > limit) kept.push(`… ${v.length - limit} more`);
    return kept;
  }
  if (v && typeof v === "object") {
    const entries = Object.entries(v).filter(([k, x]) => x !== null && !DROP.has(k));
    const limit = depth <= 1 ? 40 : 8;
    const kept = entries.slice(0, limit).map(([k, x]) => [k, trim(x, depth + 1)]);
    if (entries.length > limit) kept.push(["…", `${entries.length - limit} more`]);
    return Object.fromEntries(kept);
  }
  if (typeof v === "string" && v.length > 300) return v.slice(0, 300) + "…";
  return v;
}
