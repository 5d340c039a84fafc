using PerfAspire.Schema.Runtime;

namespace PerfAspire.Ingest.Parsing;

internal enum LineKind
{
    Time, Ident, Args,
    Cpu, Mem, Disk, Net, NetIfstat, NetGlued, Top, Smaps, DbHistogram, DbMpool, Node, Buddy, Slab, Balloon, Udp, SnmpIp, SnmpUdp,
    Ccpu, Cmem, Cdisk,
    FpKeyValue, FpPorts, FpProxy, FpRrStats, Fps, Fpc, Fpp, DotStat, Imcapi, ImcapiResp,
    ImcdrNodes, ImcdrPositional, ImcdrPeer,
    /// <summary>Opens a text block: following unknown lines are continuation lines (DB, SNIC).</summary>
    TextBlock,
    /// <summary>One-line text record (VADP_*).</summary>
    Text,
    /// <summary>A prefix nobody knows: text record, counted as unknown_prefix.</summary>
    Unknown,
}

/// <summary>How to read lines with one prefix, and where their accounting goes.</summary>
internal sealed class LineHandler(LineKind kind, string name, TableLayout? layout = null, MarkerGrammar? grammar = null)
{
    public LineKind Kind { get; } = kind;

    /// <summary>Accounting key (<c>CPU</c>, <c>NET ifstat</c>, <c>IMCDR_FRR</c>, an unknown token ...).</summary>
    public string Name { get; } = name;

    public TableLayout? Layout { get; } = layout;

    public MarkerGrammar? Grammar { get; } = grammar;

    /// <summary>Key token → metric index (negative: -1 - index into the session's warning tokens for a key that cannot be stored).</summary>
    public ByteKeyMap<int>? Keys { get; set; }

    /// <summary>A label fixed by the prefix token itself (the interface of <c>NETeth0</c>).</summary>
    public string? FixedLabel { get; init; }

    /// <summary>The warning token for an unknown prefix (<c>unknown_prefix:X</c>).</summary>
    public string? Warning { get; init; }

    public PrefixStats? Stats { get; set; }
}
