using System.Text.Json.Serialization;

namespace PerfAspire.Docs.Client;

// The JSON shapes of the docs HTTP API (GET /api/search, /api/docs/{id}, /api/metrics/search, /api/concepts,
// /api/aliases/{name}). Property names are explicit so the shapes do not depend on serializer settings;
// docs/docs-service.md documents them for non-.NET callers.

/// <summary>One hit of <c>GET /api/search</c>.</summary>
public sealed record DocHit(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("match")] string Match,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("metric")] string? Metric);

/// <summary><c>GET /api/search?q=&amp;level=&amp;group=&amp;category=&amp;kind=&amp;limit=&amp;offset=</c>.</summary>
public sealed record SearchResponse(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("results")] IReadOnlyList<DocHit> Results,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("truncated")] bool Truncated,
    [property: JsonPropertyName("next_offset")] int? NextOffset,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings);

/// <summary><c>GET /api/docs/{id}</c>: the whole doc, body in markdown.</summary>
public sealed record DocResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("group")] string? Group,
    [property: JsonPropertyName("table")] string? Table,
    [property: JsonPropertyName("category")] string? Category,
    [property: JsonPropertyName("filter")] string? Filter,
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("unit")] string? Unit,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("related")] IReadOnlyList<string> Related);

/// <summary>One candidate of <c>GET /api/metrics/search</c>.</summary>
public sealed record MetricCandidate(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("score")] double Score,
    [property: JsonPropertyName("match")] string Match,
    [property: JsonPropertyName("doc_id")] string DocId,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("description")] string Description);

/// <summary>The thresholds a decision was made with (configurable: Docs:Search:*).</summary>
public sealed record DecisionThresholds(
    [property: JsonPropertyName("auto_min_score")] double AutoMinScore,
    [property: JsonPropertyName("auto_min_gap")] double AutoMinGap,
    [property: JsonPropertyName("no_match_below")] double NoMatchBelow);

/// <summary>
/// <c>GET /api/metrics/search?q=&amp;limit=</c>. <see cref="Decision"/> is <c>auto</c> (use <see cref="Metric"/>),
/// <c>ambiguous</c> (ask or pick from the candidates) or <c>no_match</c>; <see cref="Reason"/> says which rule fired.
/// </summary>
public sealed record MetricSearchResponse(
    [property: JsonPropertyName("query")] string Query,
    [property: JsonPropertyName("decision")] string Decision,
    [property: JsonPropertyName("metric")] string? Metric,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("candidates")] IReadOnlyList<MetricCandidate> Candidates,
    [property: JsonPropertyName("thresholds")] DecisionThresholds Thresholds,
    [property: JsonPropertyName("warnings")] IReadOnlyList<string> Warnings);

public sealed record ConceptSummary(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("slug")] string Slug,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("summary")] string Summary);

/// <summary><c>GET /api/concepts</c>.</summary>
public sealed record ConceptListResponse(
    [property: JsonPropertyName("concepts")] IReadOnlyList<ConceptSummary> Concepts);

/// <summary><c>GET /api/aliases/{name}</c>: a legacy alias (or a canonical name) resolved to its metric.</summary>
public sealed record AliasResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("canonical")] string Canonical,
    [property: JsonPropertyName("is_alias")] bool IsAlias,
    [property: JsonPropertyName("doc_id")] string DocId,
    [property: JsonPropertyName("group")] string Group,
    [property: JsonPropertyName("table")] string Table,
    [property: JsonPropertyName("aliases")] IReadOnlyList<string> Aliases);

/// <summary>
/// Every 4xx/5xx answer: <c>error</c> is a stable token (<c>invalid_argument</c>, <c>doc_not_found</c>,
/// <c>alias_not_found</c>, <c>docs_not_ready</c>), <c>message</c> says what to do, <c>suggestions</c> lists
/// close valid values when there are some.
/// </summary>
public sealed record DocsError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("suggestions")] IReadOnlyList<string> Suggestions);
