namespace PerfAspire.Ingest.Client;

/// <summary>
/// <c>POST /api/bundles/load</c> body. <c>categories</c>: any of CPU, MEM, DISK, NET, TOP, SMAPS, DB, FASTPATH, OTHER
/// (null or empty = all). <c>max_files</c>: 1..10, default 10.
/// </summary>
public sealed record LoadRequest(string Path, bool Force = false, IReadOnlyList<string>? Categories = null, int? MaxFiles = null);
