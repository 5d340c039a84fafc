namespace PerfAspire.Ingest.Client;

/// <summary>
/// The states of a load job (<see cref="LoadJobStatus.State"/>) and of its run in ingest_runs, spelled once for the
/// ingest service, its clients and the MCP tools: queued, running, then succeeded, failed or cancelled (on request; a
/// load stopped by shutdown or its time limit is failed, with error_code cancelled or load_timeout).
/// </summary>
public static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    /// <summary>True for the states a job ends in: <see cref="Succeeded"/>, <see cref="Failed"/>, <see cref="Cancelled"/>.</summary>
    public static bool IsFinished(string state) => state is Succeeded or Failed or Cancelled;
}
