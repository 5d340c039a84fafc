using System.Text;

namespace PerfAspire.Docs.Search;

/// <summary>
/// Turns text (queries, metric names, doc bodies) into the tokens keyword search compares. Both sides go
/// through the same function, so "KiB/s", "kb_per_sec" and "kb per second" meet, "disk_busy_percent" and
/// "disk busy %" meet, and "timeouts" and "timeout" meet.
/// </summary>
public static class TextNormalizer
{
    // Words that carry no meaning for a metric question ("is the disk saturated" -> disk, saturated).
    static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "doing",
        "of", "for", "to", "in", "into", "on", "at", "by", "with", "from", "as", "or", "and", "if", "then", "than",
        "it", "its", "this", "that", "these", "those", "there", "here", "we", "our", "us", "i", "my",
        "you", "your", "they", "them", "their", "he", "she", "his", "her", "what", "which", "who", "whom", "whose", "me",
        "why", "how", "when", "where", "can", "could", "should", "would", "will", "shall", "may", "might", "must",
        "have", "has", "had", "any", "some", "so", "such", "very", "too", "just", "also", "about", "get", "got",
        "show", "tell", "give", "see", "look", "find", "please", "whether", "one", "s", "t", "let",
        "most", "more", "much", "many", "lot", "lots", "really", "currently", "now", "use", "uses", "using",
    };

    // Spelling variants and unit words mapped to one form before stemming.
    static readonly Dictionary<string, string> Canonical = new(StringComparer.Ordinal)
    {
        ["utilisation"] = "utilization",
        ["utilised"] = "utilized",
        ["utilise"] = "utilize",
        ["util"] = "utilization",
        ["behaviour"] = "behavior",
        ["analyse"] = "analyze",
        ["optimise"] = "optimize",
        ["normalise"] = "normalize",
        ["kib"] = "kb",
        ["kbytes"] = "kb",
        ["kilobyte"] = "kb",
        ["kilobytes"] = "kb",
        ["mib"] = "mb",
        ["mbytes"] = "mb",
        ["megabyte"] = "mb",
        ["megabytes"] = "mb",
        ["gib"] = "gb",
        ["gigabyte"] = "gb",
        ["gigabytes"] = "gb",
        ["sec"] = "second",
        ["secs"] = "second",
        ["seconds"] = "second",
        ["msec"] = "ms",
        ["millisecond"] = "ms",
        ["milliseconds"] = "ms",
        ["usec"] = "microsecond",
        ["µs"] = "microsecond",
        ["pct"] = "percent",
        ["percentage"] = "percent",
        ["pkts"] = "packets",
        ["pkt"] = "packet",
        ["cpus"] = "cpu",
        ["procs"] = "process",
        ["proc"] = "process",
        ["mem"] = "memory",
        ["ram"] = "memory",
        ["hugepage"] = "huge page",
        ["hugepages"] = "huge pages",
        ["i/o"] = "io",
    };

    /// <summary>Normalised tokens of <paramref name="text"/>, stop words removed, in order (duplicates kept).</summary>
    public static List<string> Tokens(string? text)
    {
        var result = new List<string>();
        if (string.IsNullOrWhiteSpace(text)) return result;
        foreach (var raw in RawWords(Prepare(text)))
        {
            AddWord(raw, result);
        }
        return result;
    }

    /// <summary>
    /// Lower-cases and rewrites units before splitting: "KiB/s" -> "kb per second", "80%" -> "80 percent",
    /// "I/O" -> "io".
    /// </summary>
    static string Prepare(string text)
    {
        var sb = new StringBuilder(text.Length + 16);
        var lower = text.ToLowerInvariant();
        for (var i = 0; i < lower.Length; i++)
        {
            var c = lower[i];
            if (c == '%')
            {
                sb.Append(" percent ");
            }
            else if (c == '/' && i > 0 && char.IsLetterOrDigit(lower[i - 1]) && PerSecondUnitLength(lower, i + 1) is > 0 and var unit)
            {
                // "kb/s", "ops/sec", "pages/second": the slash means "per" and the unit is seconds.
                sb.Append(" per second ");
                i += unit;
            }
            else if (c == 'i' && i + 2 < lower.Length && lower[i + 1] == '/' && lower[i + 2] == 'o'
                     && (i == 0 || !char.IsLetterOrDigit(lower[i - 1])) && (i + 3 == lower.Length || !char.IsLetterOrDigit(lower[i + 3])))
            {
                sb.Append("io");
                i += 2;
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    /// <summary>Length of "s", "sec" or "second" at <paramref name="start"/> when followed by a non-letter; else 0.</summary>
    static int PerSecondUnitLength(string s, int start)
    {
        foreach (var unit in new[] { "second", "sec", "s" })
        {
            if (start + unit.Length <= s.Length && string.CompareOrdinal(s, start, unit, 0, unit.Length) == 0
                && (start + unit.Length == s.Length || !char.IsLetter(s[start + unit.Length])))
            {
                return unit.Length;
            }
        }
        return 0;
    }

    /// <summary>Splits on everything that is not a letter or digit: spaces, underscores, hyphens, dots, slashes.</summary>
    static IEnumerable<string> RawWords(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var isWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == 'µ');
            if (isWord && start < 0) start = i;
            else if (!isWord && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    static void AddWord(string word, List<string> into)
    {
        if (Canonical.TryGetValue(word, out var mapped))
        {
            foreach (var part in mapped.Split(' ')) AddStemmed(part, into);
            return;
        }
        AddStemmed(word, into);
    }

    static void AddStemmed(string word, List<string> into)
    {
        if (StopWords.Contains(word)) return;
        var stem = Stem(word);
        if (Canonical.TryGetValue(stem, out var mapped) && !mapped.Contains(' ')) stem = mapped;
        into.Add(stem);
    }

    /// <summary>
    /// A deliberately small suffix stemmer: plurals, -ing, -ed, -ation/-ization. Enough to meet
    /// "timeouts"/"timeout", "dropped"/"drops", "queries"/"query", "saturated"/"saturation" without the
    /// surprises of a full Porter stemmer on metric jargon.
    /// </summary>
    public static string Stem(string t)
    {
        if (t.Length <= 3 || !char.IsLetter(t[^1])) return t;
        if (t.EndsWith("ies", StringComparison.Ordinal) && t.Length > 4) t = t[..^3] + "y";
        else if (t.EndsWith("sses", StringComparison.Ordinal)) t = t[..^2];
        else if (t.EndsWith('s') && !t.EndsWith("ss", StringComparison.Ordinal) && !t.EndsWith("us", StringComparison.Ordinal)
                 && !t.EndsWith("is", StringComparison.Ordinal)) t = t[..^1];

        // -ation/-ate/-ated and -ization/-ize/-ized meet on one stem: "saturation", "saturated", "saturate" -> "satur".
        if (t.EndsWith("ization", StringComparison.Ordinal) && t.Length > 9) return t[..^5];
        if (t.EndsWith("ation", StringComparison.Ordinal) && t.Length > 7) return t[..^5];
        if (t.EndsWith("ing", StringComparison.Ordinal) && t.Length >= 7) return Restore(t[..^3]);
        if (t.EndsWith("ed", StringComparison.Ordinal) && t.Length >= 6) return Restore(t[..^2]);
        if (t.EndsWith("ate", StringComparison.Ordinal) && t.Length >= 6) return t[..^3];
        // A final e goes, so "cache"/"cached" and "queue"/"queued" meet ("cach", "queu").
        if (t.EndsWith('e') && t.Length >= 5) return t[..^1];
        return t;
    }

    /// <summary>"dropp" -> "drop"; "saturat" -> "satur" (as "saturation" and "saturate" stem).</summary>
    static string Restore(string s)
    {
        if (s.Length >= 3 && s[^1] == s[^2] && s[^1] is not ('l' or 's' or 'z') && !"aeiou".Contains(s[^1])) return s[..^1];
        if (s.EndsWith("at", StringComparison.Ordinal) && s.Length >= 5) return s[..^2];
        return s;
    }
}
