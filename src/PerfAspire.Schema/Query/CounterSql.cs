namespace PerfAspire.Schema.Query;

/// <summary>
/// The one counter rule every query, ranking, comparison and the ingest rollup apply. A counter's increase between
/// two consecutive samples of a series is the difference of their values; a decrease is a reset (the process or the
/// box restarted and the counter began again from zero), so the increase is the new value itself, never negative.
/// The rate over a stretch of time is the summed increase divided by the summed seconds between those samples.
/// </summary>
public static class CounterSql
{
    /// <summary>SQL: the increase from <paramref name="previous"/> to <paramref name="value"/>.</summary>
    public static string Increase(string value, string previous) =>
        $"CASE WHEN {value} >= {previous} THEN {value} - {previous} ELSE {value} END";

    /// <summary>SQL: the seconds from <paramref name="previousTs"/> to <paramref name="ts"/>.</summary>
    public static string Seconds(string ts, string previousTs) =>
        $"extract(epoch FROM {ts} - {previousTs})::double precision";

    /// <summary>
    /// Two CTEs, <c>samples AS (...), increases AS (...)</c>, to follow a <c>WITH</c>: every sample of
    /// <paramref name="from"/> matching <paramref name="where"/>, with columns <c>ts</c>, the <paramref name="series"/>
    /// columns (quoted identifiers; they also partition the series), <c>increase</c> and <c>seconds</c> since the
    /// previous sample of the series (both NULL for a series' first sample). Rate = <c>sum(increase) / sum(seconds)</c>;
    /// <c>count(*)</c> counts the samples, <c>count(increase)</c> the steps between them.
    /// </summary>
    public static string Increases(string from, string where, IReadOnlyList<string> series)
    {
        var head = string.Concat(series.Select(c => c + ", "));
        var partition = series.Count == 0 ? "" : "PARTITION BY " + string.Join(", ", series) + " ";
        // Two samples at the same instant make no step (which of them comes first is arbitrary).
        const string step = "prev_value IS NOT NULL AND ts > prev_ts";
        return $"""
            samples AS (
              SELECT ts, value, {head}lag(value) OVER w AS prev_value, lag(ts) OVER w AS prev_ts
              FROM {from}
              {where}
              WINDOW w AS ({partition}ORDER BY ts)
            ), increases AS (
              SELECT ts, {head}CASE WHEN {step} THEN {Increase("value", "prev_value")} END AS increase,
                     CASE WHEN {step} THEN {Seconds("ts", "prev_ts")} END AS seconds
              FROM samples
            )
            """;
    }

    /// <summary>The same rule for code that sees the samples one by one (the ingest rollup).</summary>
    public static double Increase(double value, double previous) => value >= previous ? value - previous : value;
}
