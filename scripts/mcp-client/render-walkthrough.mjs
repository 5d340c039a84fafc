// Turns a transcript written by walkthrough.mjs (--out DIR) into the README walk-through section: the prompt a user
// types, the tool call their MCP client makes, and the real answer, trimmed (long arrays cut, long strings clipped).
// Usage: node render-walkthrough.mjs DIR/transcript-http.json > docs/readme-fragments/walkthrough.md.body
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

const seen = {};
const out = [];
for (const s of transcript.steps) {
  const n = (seen[s.tool] = (seen[s.tool] ?? -1) + 1);
  const prompt = (prompts[`${s.tool}#${n}`] ?? prompts[s.tool] ?? s.tool).replace("{path}", s.arguments.path ?? "");
  out.push(`**You:** ${prompt}`, "");
  out.push(`The client calls \`${s.tool}\` ${"`"}${JSON.stringify(s.arguments)}${"`"} (${s.ms} ms on the reference machine):`, "");
  if (s.tool === "support_load_bundle" && transcript.progress?.length) {
    out.push("Progress notifications while it runs:", "", "```");
    for (const p of transcript.progress.slice(0, 6)) out.push(`${p.progress}/${p.total}  ${p.message ?? ""}`);
    out.push("```", "");
  }
  let body;
  try {
    body = JSON.stringify(trim(JSON.parse(s.text), 0), null, 2);
  } catch {
    body = s.text.slice(0, 1500);
  }
  out.push("```json", body, "```", "");
  for (const img of s.images ?? []) out.push(`Plus an image (${img.mimeType}, ${img.bytes} bytes) that the client shows inline:`, "", "![chart returned by graph_timeseries](../images/chart-graph-timeseries.png)", "");
}
console.log(out.join("\n"));

function trim(v, depth) {
  if (Array.isArray(v)) {
    const limit = depth === 0 ? 6 : 4;
    const kept = v.slice(0, limit).map((x) => trim(x, depth + 1));
    if (v.length > limit) kept.push(`… ${v.length - limit} more`);
    return kept;
  }
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, trim(x, depth + 1)]));
  }
  if (typeof v === "string" && v.length > 300) return v.slice(0, 300) + "…";
  return v;
}
