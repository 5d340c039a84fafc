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
    public const string CursorHelp = "next_cursor of the previous page.";

    /// <summary>For the tools that paged by offset first: the old argument, still accepted.</summary>
    public const string OffsetHelp = "Old form of cursor.";

    public static ListPage<T> Of<T>(IReadOnlyList<T> all, string? cursor, int? limit, int defaultLimit, int maxLimit)
    {
        var size = Limit(limit, defaultLimit, maxLimit);
        var start = Start(cursor, null, all.Count);
        var items = all.Skip(start).Take(size).ToList();
        return new ListPage<T>(items, all.Count, Next(start, items.Count, start + items.Count < all.Count));
    }

    /// <summary>The page size asked for, checked.</summary>
    public static int Limit(int? limit, int defaultLimit, int maxLimit)
    {
        var size = limit ?? defaultLimit;
        if (size < 1 || size > maxLimit) throw new ToolError("invalid_argument", $"limit must be between 1 and {maxLimit}.", next: "Omit limit for pages of " + defaultLimit + ".");
        return size;
    }

    /// <summary>
    /// Where a page starts: the cursor (a next_cursor of this list, the position of the next item), or the offset of
    /// the tools that took one before cursors; at most <paramref name="max"/>.
    /// </summary>
    public static int Start(string? cursor, int? offset, int max)
    {
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (!int.TryParse(cursor.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var start) || start > max)
            {
                throw new ToolError("invalid_argument", $"cursor '{Text.Clip(cursor, 40)}' is not a cursor of this list.",
                    next: "Pass the next_cursor of the previous answer unchanged, or omit cursor for the first page.");
            }
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
    public static string? Next(int start, int count, bool more) =>
        more ? (start + count).ToString(CultureInfo.InvariantCulture) : null;
}
