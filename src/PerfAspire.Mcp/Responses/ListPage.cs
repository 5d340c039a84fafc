using System.Globalization;

namespace PerfAspire.Mcp.Responses;

/// <summary>
/// One page of a list tool's answer, the way every list tool pages: <c>cursor</c> (the <c>next_cursor</c> of the
/// previous page, omitted for the first) and <c>limit</c> in; <c>count</c> (this page), <c>total</c>,
/// <c>truncated</c> and <c>next_cursor</c> out. The cursor is opaque to the caller (here the position of the next item).
/// </summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Total, string? NextCursor)
{
    public bool Truncated => NextCursor is not null;
}

public static class ListPage
{
    public const string CursorHelp = "Continue from this cursor (next_cursor of the previous page). Omit for the first page.";

    public static ListPage<T> Of<T>(IReadOnlyList<T> all, string? cursor, int? limit, int defaultLimit, int maxLimit)
    {
        var size = limit ?? defaultLimit;
        if (size < 1 || size > maxLimit) throw new ToolError("invalid_argument", $"limit must be between 1 and {maxLimit}.", next: "Omit limit for pages of " + defaultLimit + ".");
        var start = 0;
        if (!string.IsNullOrWhiteSpace(cursor)
            && (!int.TryParse(cursor.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out start) || start > all.Count))
        {
            throw new ToolError("invalid_argument", $"cursor '{Text.Clip(cursor, 40)}' is not a cursor of this list.",
                next: "Pass the next_cursor of the previous answer unchanged, or omit cursor for the first page.");
        }
        var items = all.Skip(start).Take(size).ToList();
        var next = start + items.Count < all.Count ? (start + items.Count).ToString(CultureInfo.InvariantCulture) : null;
        return new ListPage<T>(items, all.Count, next);
    }
}
