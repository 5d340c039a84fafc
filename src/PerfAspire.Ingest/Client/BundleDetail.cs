namespace PerfAspire.Ingest.Client;

/// <summary><c>GET /api/bundles/{bundle_id}</c>: the bundle and the summary of its (last) load.</summary>
public sealed record BundleDetail(BundleInfo Bundle, LoadSummary? Summary);
