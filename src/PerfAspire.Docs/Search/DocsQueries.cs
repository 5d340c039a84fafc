using Microsoft.Extensions.Options;
using PerfAspire.Docs.Client;
using PerfAspire.Docs.Corpus;
using PerfAspire.Docs.Hosting;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Search;

/// <summary>
/// The operations of the docs service, shared by the HTTP API and the Semantic Kernel plugin: validate the
/// arguments, rank, page, and shape the typed answers of <see cref="Client"/>.
/// </summary>
public sealed class DocsQueries
{
    public const int MaxQueryLength = 1000;
    public const int DefaultLimit = 10;
    public const int MaxLimit = 100;
    public const int DefaultMetricLimit = 5;
    public const int MaxMetricLimit = 50;

    readonly Func<DocsIndex?> _index;
    readonly Func<string> _notReadyMessage;
    readonly SearchSettings _settings;

    public DocsQueries(DocsIndexHost host, IOptions<SearchSettings> settings)
        : this(() => host.Index, () => host.StatusMessage, settings.Value)
    {
    }

    public DocsQueries(DocsIndex index, SearchSettings settings) : this(() => index, () => "ready", settings)
    {
    }

    DocsQueries(Func<DocsIndex?> index, Func<string> notReadyMessage, SearchSettings settings)
    {
        settings.Validate();
        _index = index;
        _notReadyMessage = notReadyMessage;
        _settings = settings;
    }

    public SearchSettings Settings => _settings;

    DocsIndex Index => _index() ?? throw DocsRequestException.NotReady(_notReadyMessage());

    public async Task<SearchResponse> SearchAsync(string? q, string? level, string? group, string? category, string? kind,
        int? limit, int? offset, CancellationToken cancellationToken)
    {
        var query = ValidQuery(q);
        var lim = ValidRange(limit ?? DefaultLimit, 1, MaxLimit, "limit");
        var off = ValidRange(offset ?? 0, 0, int.MaxValue, "offset");
        var index = Index;

        DocLevel? lvl = null;
        if (!string.IsNullOrWhiteSpace(level))
        {
            if (!DocLevels.TryParse(level, out var l)) throw DocsRequestException.Invalid($"Unknown level '{level}'. Use {DocLevels.Accepted}.", ["L1", "L2", "L4"]);
            lvl = l;
        }
        var grp = Known(group, index.Corpus.Groups.Concat(index.Corpus.Docs.Where(d => d.Table is not null).Select(d => d.Table!)), "group",
            index.Corpus.Groups);
        var cat = Known(category, index.Corpus.Categories.Concat(CommonColumns.Filters), "category", index.Corpus.Categories);
        string? knd = null;
        if (!string.IsNullOrWhiteSpace(kind))
        {
            if (!MetricKindNames.TryParse(kind, out var k))
            {
                throw DocsRequestException.Invalid($"Unknown kind '{kind}'.", [.. Enum.GetValues<MetricKind>().Select(x => x.ToSql())]);
            }
            knd = k.ToSql();
        }

        var scored = await index.ScoreAsync(query, _settings, cancellationToken);
        var hits = scored
            .Where(s => lvl is null || s.Doc.Level == lvl)
            .Where(s => grp is null || string.Equals(s.Doc.Group, grp, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Doc.Table, grp, StringComparison.OrdinalIgnoreCase))
            .Where(s => cat is null || string.Equals(s.Doc.Category, cat, StringComparison.OrdinalIgnoreCase) || string.Equals(s.Doc.Filter, cat, StringComparison.OrdinalIgnoreCase))
            .Where(s => knd is null || s.Doc.Kind == knd)
            .Where(s => s.Score >= _settings.MinRelevance)
            .OrderByDescending(s => s.Score).ThenBy(s => s.Doc.Level).ThenBy(s => s.Doc.Id, StringComparer.Ordinal)
            .ToList();

        var page = hits.Skip(off).Take(lim).Select(s => new DocHit(s.Doc.Id, s.Doc.Level.Name(), s.Doc.Title, s.Doc.Summary, Round(s.Score),
            s.Match.Name(), s.Doc.Group, s.Doc.Category, s.Doc.Kind, s.Doc.Metric)).ToList();
        var truncated = off + page.Count < hits.Count;
        // Warnings are about this answer; the service's own state (e.g. no vector cache) is on /health.
        List<string> warnings = hits.Count == 0 ? ["no_results"] : [];
        return new SearchResponse(query, page, hits.Count, off, lim, truncated, truncated ? off + page.Count : null, warnings);
    }

    public async Task<MetricSearchResponse> SearchMetricsAsync(string? q, int? limit, CancellationToken cancellationToken)
    {
        var query = ValidQuery(q);
        var lim = ValidRange(limit ?? DefaultMetricLimit, 1, MaxMetricLimit, "limit");
        var index = Index;
        var scored = await index.ScoreAsync(query, _settings, cancellationToken);
        var ranked = scored.Where(s => s.Doc.Level == DocLevel.L1)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Match).ThenBy(s => s.Doc.Metric, StringComparer.Ordinal)
            .ToList();

        // Every metric named exactly is a candidate even past the limit, so the decision sees all of them.
        var exact = ranked.Where(s => s.Match is MatchKind.ExactName or MatchKind.Alias).ToList();
        var shown = ranked.Take(lim).Union(exact).ToList();
        var outcome = MetricDecision.Decide([.. ranked.Take(Math.Max(2, lim)).Select(s => s.Score)],
            [.. exact.Select(e => shown.IndexOf(e))], _settings);

        var candidates = shown.Select(s => new MetricCandidate(s.Doc.Metric!, Round(s.Score), s.Match.Name(), s.Doc.Id, s.Doc.Group!,
            s.Doc.Table!, s.Doc.Kind!, s.Doc.Unit!, s.Doc.Summary)).ToList();
        var metric = outcome.ChosenIndex is int c ? candidates[c].Metric : null;
        return new MetricSearchResponse(query, outcome.Decision, metric, outcome.Reason, candidates,
            new DecisionThresholds(_settings.AutoMinScore, _settings.AutoMinGap, _settings.NoMatchBelow), []);
    }

    public DocResponse GetDoc(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) throw DocsRequestException.Invalid("A doc id is required, e.g. field:DISK:disk_busy_percent, plugin:DISK or concept:bundle-lifecycle.");
        var index = Index;
        var doc = index.Corpus.Get(id);
        if (doc is null)
        {
            // A bare metric name or alias is a common slip: point at its doc.
            var canonical = index.Corpus.Canonical(id.Split(':')[^1]);
            var suggestions = canonical is not null
                ? [index.Corpus.MetricDoc(canonical)!.Id]
                : Closest(id, index.Corpus.Docs.Select(d => d.Id));
            throw new DocsRequestException(404, "doc_not_found",
                $"No doc with id '{id}'. Ids look like field:<GROUP>:<metric>, plugin:<GROUP> or concept:<slug>; search with /api/search.", suggestions);
        }
        return ToResponse(doc);
    }

    public ConceptListResponse ListConcepts() =>
        new([.. Index.Corpus.Concepts.Select(d => new ConceptSummary(d.Id, d.Id["concept:".Length..], d.Title, d.Summary))]);

    public AliasResponse ResolveAlias(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw DocsRequestException.Invalid("An alias or metric name is required, e.g. cpu_utilization_percent.");
        var index = Index;
        var canonical = index.Corpus.Canonical(name);
        if (canonical is null)
        {
            throw new DocsRequestException(404, "alias_not_found",
                $"'{name.Trim()}' is neither a metric nor a known alias. Use /api/metrics/search to find a metric by description.",
                Closest(name, index.Corpus.MetricNames.Concat(index.Corpus.AliasNames)));
        }
        var doc = index.Corpus.MetricDoc(canonical)!;
        return new AliasResponse(name.Trim(), canonical, index.Corpus.IsAlias(name), doc.Id, doc.Group!, doc.Table!, doc.Aliases);
    }

    public static DocResponse ToResponse(Doc d) => new(d.Id, d.Level.Name(), d.Title, d.Summary, d.Body, d.Group, d.Table, d.Category, d.Filter,
        d.Metric, d.Kind, d.Unit, d.Aliases, d.Labels, d.Related);

    static string ValidQuery(string? q)
    {
        if (string.IsNullOrWhiteSpace(q)) throw DocsRequestException.Invalid("Parameter 'q' is required: a question or words to search for.");
        q = q.Trim();
        if (q.Length > MaxQueryLength) throw DocsRequestException.Invalid($"Parameter 'q' is {q.Length} characters; at most {MaxQueryLength} are accepted.");
        return q;
    }

    static int ValidRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw DocsRequestException.Invalid(max == int.MaxValue
                ? $"Parameter '{name}' must be at least {min}; got {value}."
                : $"Parameter '{name}' must be between {min} and {max}; got {value}.");
        }
        return value;
    }

    static string? Known(string? value, IEnumerable<string> accepted, string name, IEnumerable<string> shown)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        var match = accepted.FirstOrDefault(a => string.Equals(a, v, StringComparison.OrdinalIgnoreCase));
        if (match is not null) return match;
        throw DocsRequestException.Invalid($"Unknown {name} '{v}'.", Closest(v, shown, 10));
    }

    /// <summary>Up to <paramref name="count"/> names closest to <paramref name="input"/> (shared prefix, then edit distance).</summary>
    public static IReadOnlyList<string> Closest(string input, IEnumerable<string> names, int count = 5)
    {
        var s = input.Trim().ToLowerInvariant();
        return [.. names.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(n => (Name: n, Distance: Levenshtein(s, n.ToLowerInvariant()) - (n.Contains(s, StringComparison.OrdinalIgnoreCase) ? s.Length : 0)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count).Select(x => x.Name)];
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
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }

    static double Round(double v) => Math.Round(v, 4);
}
