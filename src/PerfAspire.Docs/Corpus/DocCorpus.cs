using PerfAspire.Schema.Spec;

namespace PerfAspire.Docs.Corpus;

/// <summary>
/// The whole corpus: L1 docs generated from the spec, L2 per record group, L4 concept markdown. Immutable;
/// lookups by id are case-insensitive and accept '_' for the space in "NET ifstat".
/// </summary>
public sealed class DocCorpus
{
    readonly Dictionary<string, Doc> _byId = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Doc> _byLooseId = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, Doc> _byMetric = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, string> _aliasToMetric = new(StringComparer.OrdinalIgnoreCase);

    public DocCorpus(IEnumerable<Doc> docs)
    {
        Docs = [.. docs];
        foreach (var d in Docs)
        {
            if (!_byId.TryAdd(d.Id, d)) throw new InvalidOperationException($"Duplicate doc id '{d.Id}'.");
            _byLooseId.TryAdd(Loose(d.Id), d);
            if (d.Metric is null) continue;
            if (!_byMetric.TryAdd(d.Metric, d)) throw new InvalidOperationException($"Two docs for metric '{d.Metric}'.");
            foreach (var a in d.Aliases)
            {
                if (!_aliasToMetric.TryAdd(a, d.Metric)) throw new InvalidOperationException($"Alias '{a}' names two metrics.");
            }
        }
        foreach (var (alias, metric) in _aliasToMetric)
        {
            if (_byMetric.ContainsKey(alias)) throw new InvalidOperationException($"Alias '{alias}' of {metric} is also a metric name.");
        }
        Concepts = [.. Docs.Where(d => d.Level == DocLevel.L4).OrderBy(d => d.Id, StringComparer.Ordinal)];
        Groups = [.. Docs.Where(d => d.Group is not null).Select(d => d.Group!).Distinct(StringComparer.Ordinal)];
        Categories = [.. Docs.Where(d => d.Category is not null).Select(d => d.Category!).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The corpus this build ships: the default spec plus the embedded concept docs.</summary>
    public static DocCorpus CreateDefault() => Create(SchemaSpec.Default, ConceptDocs.LoadEmbedded());

    public static DocCorpus Create(SchemaSpec spec, IEnumerable<(string Slug, string Markdown)> concepts)
    {
        var docs = new List<Doc>();
        var metricIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in spec.Groups)
        {
            docs.Add(PluginDocs.Build(group));
            foreach (var m in group.Metrics)
            {
                var doc = MetricDocs.Build(group, m);
                docs.Add(doc);
                metricIds[doc.Metric!] = doc.Id;
            }
        }
        docs.AddRange(concepts.Select(c => ConceptDocs.Build(c.Slug, c.Markdown, metricIds)));
        return new DocCorpus(docs);
    }

    public IReadOnlyList<Doc> Docs { get; }
    public IReadOnlyList<Doc> Concepts { get; }
    public IReadOnlyList<string> Groups { get; }
    public IReadOnlyList<string> Categories { get; }

    public Doc? Get(string id) =>
        _byId.GetValueOrDefault(id.Trim()) ?? _byLooseId.GetValueOrDefault(Loose(id));

    public Doc? MetricDoc(string metric) => _byMetric.GetValueOrDefault(metric.Trim());

    /// <summary>The canonical metric for a metric name or alias (case-insensitive); null when neither.</summary>
    public string? Canonical(string name)
    {
        name = name.Trim();
        if (_byMetric.TryGetValue(name, out var d)) return d.Metric;
        return _aliasToMetric.GetValueOrDefault(name);
    }

    public bool IsAlias(string name) => _aliasToMetric.ContainsKey(name.Trim());

    public IEnumerable<string> MetricNames => _byMetric.Keys;

    public IEnumerable<string> AliasNames => _aliasToMetric.Keys;

    static string Loose(string id) => id.Trim().Replace(' ', '_').Replace("%20", "_");
}
