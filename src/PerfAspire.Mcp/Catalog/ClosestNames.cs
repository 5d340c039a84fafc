namespace PerfAspire.Mcp.Catalog;

/// <summary>
/// Suggests the valid names nearest to a misspelt one: prefix/substring matches first, then edit distance.
/// Input is clipped so a hostile megabyte-long name costs no more than a normal one.
/// </summary>
public static class ClosestNames
{
    const int MaxInput = 96;

    public static IReadOnlyList<string> Find(string? wanted, IEnumerable<string> candidates, int count = 5)
    {
        var w = Normalize(wanted);
        if (w.Length == 0) return [.. candidates.Order(StringComparer.Ordinal).Take(count)];
        return [.. candidates
            .Select(c => (Name: c, Score: Score(w, c)))
            .OrderBy(x => x.Score)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)];
    }

    static string Normalize(string? s)
    {
        if (string.IsNullOrWhiteSpace(s)) return "";
        var t = s.Trim().ToLowerInvariant().Replace('.', '_').Replace('-', '_').Replace(' ', '_');
        return t.Length > MaxInput ? t[..MaxInput] : t;
    }

    static double Score(string wanted, string candidate)
    {
        var c = candidate.ToLowerInvariant();
        if (c == wanted) return -3;
        if (c.StartsWith(wanted, StringComparison.Ordinal)) return -2 + (c.Length - wanted.Length) / 1000.0;
        if (c.Contains(wanted, StringComparison.Ordinal)) return -1 + (c.Length - wanted.Length) / 1000.0;
        // Shared words count as much as characters: "user_cpu" vs "cpu_user_percent".
        var wantedWords = wanted.Split('_', StringSplitOptions.RemoveEmptyEntries);
        var shared = wantedWords.Count(w => w.Length > 1 && c.Contains(w, StringComparison.Ordinal));
        return Levenshtein(wanted, c.Length > MaxInput * 2 ? c[..(MaxInput * 2)] : c) / (double)Math.Max(wanted.Length, 1) - shared;
    }

    static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
