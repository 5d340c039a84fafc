using System.Diagnostics.Metrics;

namespace PerfAspire.Mcp.Observability;

/// <summary>
/// The query-side counters of the observability names, as OpenTelemetry instruments on the
/// <c>PerfAspire.Mcp</c> meter (Aspire dashboard) and as running totals that <c>system_health</c> reports.
/// </summary>
public sealed class QueryMetrics : IDisposable
{
    public const string MeterName = "PerfAspire.Mcp";

    readonly Meter _meter;
    readonly Counter<double> _durationSum;
    readonly Counter<long> _errors;
    readonly Counter<long> _queries;
    long _durationMicros;
    long _errorCount;
    long _queryCount;

    public QueryMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _durationSum = _meter.CreateCounter<double>("timescale_query_duration_ms_sum", "ms", "Total time spent executing MCP queries.");
        _errors = _meter.CreateCounter<long>("timescale_query_errors_total", description: "Failed MCP query executions.");
        _queries = _meter.CreateCounter<long>("timescale_queries_total", description: "MCP query executions.");
    }

    public double DurationMsSum => Interlocked.Read(ref _durationMicros) / 1000.0;

    public long Errors => Interlocked.Read(ref _errorCount);

    public long Queries => Interlocked.Read(ref _queryCount);

    public void Record(TimeSpan elapsed, bool failed)
    {
        Interlocked.Add(ref _durationMicros, (long)(elapsed.TotalMilliseconds * 1000));
        Interlocked.Increment(ref _queryCount);
        _durationSum.Add(elapsed.TotalMilliseconds);
        _queries.Add(1);
        if (failed)
        {
            Interlocked.Increment(ref _errorCount);
            _errors.Add(1);
        }
    }

    public void Dispose() => _meter.Dispose();
}
