using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// One page of a list tool's answer, the way every list tool pages: <c>cursor</c> (the <c>next_cursor</c> of the
/// previous page, omitted for the first) and <c>limit</c> in; <c>count</c> (this page), <c>total</c>,
/// <c>truncated</c> and <c>next_cursor</c> out.
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, string? NextCursor)
{
    public bool Truncated => NextCursor is not null;
}

/// <summary>
/// The one home of paging for every list tool. A cursor is opaque: base64url of the list it belongs to (a digest of
/// the tool and its filters) and where the next page starts (a position, or the last key of a list paged by key).
/// A cursor that does not decode, belongs to another list (another tool, other filters) or points past the end is
/// <c>invalid_argument</c>.
/// </summary>
public static class ListPage
{
    /// <summary>The description every list tool gives its <c>cursor</c> argument.</summary>
    public const string CursorHelp = "From next_cursor.";

    /// <summary>The description every list tool gives its <c>limit</c> argument (the range is in the error).</summary>
    public const string LimitHelp = "Page size.";

    /// <summary>For the tools that paged by offset first: the old argument, still accepted.</summary>
    public const string OffsetHelp = "Old form of cursor.";

    const string Version = "p1";

    /// <summary>The identity of one list: the tool and every filter that decides which items it holds.</summary>
    public static string Scope(string tool, params string?[] filters) =>
        tool + "(" + string.Join(",", filters.Select(f => f?.Trim().ToLowerInvariant() ?? "")) + ")";

    public static ListPage<T> Of<T>(string scope, IReadOnlyList<T> all, string? cursor, int? limit, int defaultLimit, int maxLimit)
    {
        var size = Limit(limit, defaultLimit, maxLimit);
        var start = Start(scope, cursor, null, all.Count);
        var items = all.Skip(start).Take(size).ToList();
        return new ListPage<T>(items, all.Count, Next(scope, start, items.Count, start + items.Count < all.Count));
    }

    /// <summary>The page size asked for, checked.</summary>
    public static int Limit(int? limit, int defaultLimit, int maxLimit)
    {
        var size = limit ?? defaultLimit;
        if (size < 1 || size > maxLimit) throw new ToolError("invalid_argument", $"limit must be between 1 and {maxLimit}.", next: "Omit limit for pages of " + defaultLimit + ".");
        return size;
    }

    /// <summary>
    /// Where a page starts: the cursor (a next_cursor of this list), or the offset of the tools that took one before
    /// cursors; at most <paramref name="max"/>.
    /// </summary>
    public static int Start(string scope, string? cursor, int? offset, int max)
    {
        if (Key(scope, cursor) is { } key)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start > max) throw BadCursor(cursor!);
            if (offset is { } o && o != start) throw new ToolError("invalid_argument", "Give cursor or offset, not both.", next: "Pass only the next_cursor of the previous answer.");
            return start;
        }
        if (offset is { } off && (off < 0 || off > max))
        {
            throw new ToolError("invalid_argument", $"offset must be between 0 and {max}.", next: "Pass the next_cursor of the previous answer as cursor, or omit it for the first page.");
        }
        return offset ?? 0;
    }

    /// <summary>The next_cursor of a page of <paramref name="count"/> items from <paramref name="start"/>; null on the last page.</summary>
    public static string? Next(string scope, int start, int count, bool more) =>
        more ? Cursor(scope, (start + count).ToString(CultureInfo.InvariantCulture)) : null;

    /// <summary>An opaque cursor of <paramref name="scope"/> that resumes after <paramref name="key"/>.</summary>
    public static string Cursor(string scope, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(Version + ":" + Digest(scope) + ":" + key));

    /// <summary>
    /// The key a cursor of <paramref name="scope"/> carries; null when there is no cursor (the first page).
    /// Anything else — not a cursor, or one of another list — is <c>invalid_argument</c>.
    /// </summary>
    public static string? Key(string scope, string? cursor)
    {
        if (string.IsNullOrWhiteSpace(cursor)) return null;
        var text = cursor.Trim();
        string decoded;
        try
        {
            if (text.Length > 2048) throw BadCursor(text);
            decoded = new UTF8Encoding(false, true).GetString(Base64Url.DecodeFromChars(text));
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw BadCursor(text);
        }
        var parts = decoded.Split(':', 3);
        if (parts.Length != 3 || parts[0] != Version || parts[1] != Digest(scope) || parts[2].Length == 0 || parts[2].Contains('\0')) throw BadCursor(text);
        return parts[2];
    }

    static string Digest(string scope) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)))[..8];

    static ToolError BadCursor(string cursor) =>
        new("invalid_argument", $"cursor '{Text.Clip(cursor, 40)}' is not a cursor of this list (tool and filters).",
            next: "Pass the next_cursor of the previous answer unchanged with the same filters, or omit cursor for the first page.");
}
