namespace PerfAspire.Schema.Spec;

/// <summary>The spec is inconsistent; <see cref="Errors"/> names every offender.</summary>
public sealed class SchemaSpecException(IReadOnlyList<string> errors)
    : Exception("Invalid schema spec:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
