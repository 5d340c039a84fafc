namespace PerfAspire.Schema.Spec;

/// <summary>A local label column of a record group (device, pid, bucket, ...). Labels are identities and stored as text.</summary>
public sealed record LabelSpec(string Name, string Description, string SqlType = "text");
