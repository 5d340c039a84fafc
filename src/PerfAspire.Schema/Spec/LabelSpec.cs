namespace PerfAspire.Schema.Spec;

/// <summary>
/// A local label column of a record group (device, pid, bucket, ...). Labels are identities and stored as text.
/// <paramref name="Indexed"/> marks the discriminating labels that get a partial index.
/// </summary>
public sealed record LabelSpec(string Name, string Description, string SqlType = "text", bool Indexed = false);
