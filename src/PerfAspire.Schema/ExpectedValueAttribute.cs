using System.ComponentModel.DataAnnotations;

namespace PerfAspire.Schema;

/// <summary>A setting's rule that says what it accepts (the start-up message quotes <see cref="Expected"/>).</summary>
public abstract class ExpectedValueAttribute(string expected) : ValidationAttribute
{
    public string Expected { get; } = expected;
}

/// <summary>A PostgreSQL identifier of ours: lower-case letters, digits and '_', not starting with a digit, at most 63 characters.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class LowerCaseIdentifierAttribute()
    : ExpectedValueAttribute("a lower-case identifier (letters a-z, digits, '_'; not starting with a digit; at most 63 characters)")
{
    public override bool IsValid(object? value) =>
        value is string { Length: > 0 and <= 63 } text && !char.IsDigit(text[0])
        && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
