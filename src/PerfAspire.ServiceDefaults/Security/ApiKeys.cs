using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>Bearer keys: read from a request and compared without telling an attacker how close a guess was.</summary>
public static class ApiKeys
{
    /// <summary>
    /// Compares SHA-256 digests in fixed time: comparing the raw bytes would return early when the lengths differ
    /// and so reveal the key's length.
    /// </summary>
    public static bool Matches(string? given, string expected)
    {
        Span<byte> a = stackalloc byte[32];
        Span<byte> b = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(given ?? ""), a);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), b);
        return CryptographicOperations.FixedTimeEquals(a, b) & given is not null;
    }

    /// <summary>The token of <c>Authorization: Bearer &lt;token&gt;</c>, or null.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        var auth = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return auth.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? auth[prefix.Length..].Trim() : null;
    }

    /// <summary>A configured key, or null when the setting is missing or blank.</summary>
    public static string? Normalize(string? key) => string.IsNullOrWhiteSpace(key) ? null : key.Trim();
}
