using System.Text;
using System.Text.Unicode;

namespace PerfAspire.Ingest.Parsing;

/// <summary>
/// Interns label values (cpu names, devices, pids, exec names, ...) so a value seen again costs a lookup, not a
/// string. Bounded: when full it starts over, so hostile input with endless distinct labels cannot grow memory.
/// </summary>
internal sealed class LabelCache(int maxEntries = 200_000)
{
    readonly ByteKeyMap<string> _map = new(1024);

    /// <summary>The string for <paramref name="utf8"/>, or null when the bytes are not valid UTF-8.</summary>
    public string? Get(ReadOnlySpan<byte> utf8)
    {
        if (_map.TryGetValue(utf8, out var s)) return s;
        if (!Utf8.IsValid(utf8)) return null;
        if (_map.Count >= maxEntries) _map.Clear();
        s = Encoding.UTF8.GetString(utf8);
        _map.Set(utf8, s);
        return s;
    }
}
