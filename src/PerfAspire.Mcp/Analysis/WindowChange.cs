namespace PerfAspire.Mcp.Analysis;

/// <summary>
/// How one series changed from window A to window B (compare_windows).
/// <para><c>CohenD</c> = (mean_B − mean_A) / pooled SD, pooled SD = √(((n_A−1)s_A² + (n_B−1)s_B²) / (n_A+n_B−2)).
/// <c>Score</c>, the ranking key, is |d| capped at <see cref="MaxScore"/>; a series that is constant in both windows
/// but at a different level gets the cap (a step change with no noise is as strong as evidence gets), and a series
/// present in only one window is reported by <c>Status</c> with score 0 (it cannot be measured, and is listed apart).</para>
/// </summary>
public sealed record WindowChange(
    WindowStats A, WindowStats B, string Status, double? Delta, double? RelativeChange, double? CohenD, double Score)
{
    public const double MaxScore = 1000;

    public static WindowChange Compare(WindowStats a, WindowStats b)
    {
        if (a.Count == 0 && b.Count == 0) return new WindowChange(a, b, "absent", null, null, null, 0);
        if (a.Count == 0) return new WindowChange(a, b, "only_in_b", null, null, null, 0);
        if (b.Count == 0) return new WindowChange(a, b, "only_in_a", null, null, null, 0);

        var delta = b.Mean - a.Mean;
        double? relative = Math.Abs(a.Mean) > 1e-12 ? delta / Math.Abs(a.Mean) : null;
        var dof = a.Count + b.Count - 2;
        var pooled = dof > 0
            ? Math.Sqrt(((a.Count - 1) * a.StdDev * a.StdDev + (b.Count - 1) * b.StdDev * b.StdDev) / dof)
            : 0;
        var noiseFloor = 1e-12 * Math.Max(1, Math.Max(Math.Abs(a.Mean), Math.Abs(b.Mean)));
        if (pooled <= noiseFloor)
        {
            var changed = Math.Abs(delta) > noiseFloor;
            return new WindowChange(a, b, changed ? "changed" : "unchanged", delta, relative, null, changed ? MaxScore : 0);
        }
        var d = delta / pooled;
        return new WindowChange(a, b, Math.Abs(d) >= 0.2 ? "changed" : "unchanged", delta, relative, d, Math.Min(Math.Abs(d), MaxScore));
    }
}
