using System.Text;
using PerfAspire.Schema.Runtime;
using PerfAspire.Schema.Spec;

namespace PerfAspire.Ingest.Parsing;

/// <summary>Readers for the data lines of every record group. Each returns null on success or why the line is malformed.</summary>
internal sealed partial class ParseSession
{
    const string BadValues = "values do not match the group's format";
    const string BadUtf8 = "invalid UTF-8 in a label";
    const string MissingLabel = "missing label";

    static readonly string[] RequestTypes =
        ["unspecified", "sub_count", "sub_add", "sub_update", "sub_delete", "unspecified_mod", "sub_add_info", "sub_update_info", "sub_update_policy"];
    static readonly string[] ResponseTypes = ["success", "failure", "r3", "r4", "r5", "r6", "r7"];
    const int BuddyMaxOrders = 24;
    static readonly byte[][] BuddyOrderColumns = [.. Enumerable.Range(0, BuddyMaxOrders).Select(o => Encoding.ASCII.GetBytes($"free_blocks_order_{o}"))];

    readonly double[] _respValues = new double[64];
    readonly List<(int Index, double Value)> _pairs = [];
    readonly List<(long Bucket, double Count, double Avg)> _triplets = [];
    readonly byte[] _keyScratch = new byte[80];
    readonly List<(int Pair, int Token, int Block)> _pending = [];
    const int MaxKeyWarnings = 1024;
    int? _overflowKeyWarning;

    string? ParseData(LineHandler h, ReadOnlySpan<byte> line)
    {
        var n = _tokens.Count;
        var layout = h.Layout!;
        var labels = _labelBuffer.AsSpan(0, layout.Group.Labels.Count);
        labels.Clear();
        switch (h.Kind)
        {
            case LineKind.Cpu:
            case LineKind.Slab:
            case LineKind.Node:
            {
                // <prefix> <label> marker values ...
                if (n < 3) return MissingLabel;
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                if (labels[0] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Mem:
            case LineKind.Balloon:
            case LineKind.SnmpIp:
            case LineKind.SnmpUdp:
            case LineKind.Fps:
            case LineKind.Fpp:
            case LineKind.Imcapi:
            case LineKind.ImcdrPositional:
            {
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 1, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Disk:
            {
                // DISK <index> <device> ...; labels in spec order: device, disk_index
                if (n < 4) return MissingLabel;
                if (!NumberParser.TryParseInt(_tokens.Get(line, 1), out _)) return "disk index is not a number";
                labels[1] = _labels.Get(_tokens.Get(line, 1));
                labels[0] = _labels.Get(_tokens.Get(line, 2));
                if (labels[0] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 3, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Net:
            case LineKind.NetIfstat:
            {
                if (n < 2) return MissingLabel;
                var iface = _tokens.Get(line, 1);
                if (h.Kind == LineKind.NetIfstat) iface = iface["ifstat"u8.Length..];
                labels[0] = _labels.Get(iface);
                if (labels[0] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.NetGlued:
            {
                labels[0] = h.FixedLabel;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 1, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Top:
                return TopLine(h, line);
            case LineKind.Smaps:
            {
                if (n < 3) return MissingLabel;
                if (!NumberParser.TryParseInt(_tokens.Get(line, 1), out _)) return "pid is not a number";
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, n, values, out var rest)) return BadValues;
                if (rest < n)
                {
                    labels[1] = _labels.Get(_tokens.Rest(line, rest));
                    if (labels[1] is null) return BadUtf8;
                }
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.DbHistogram:
                return HistogramLine(h, line);
            case LineKind.DbMpool:
            {
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 1, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Buddy:
                return BuddyLine(h, line);
            case LineKind.Udp:
                return UdpLine(h, line);
            case LineKind.Ccpu:
            {
                if (n < 3) return MissingLabel;
                var first = _tokens.Get(line, 1);
                var next = 1;
                if (first.Length > 5 && first.StartsWith("cpu["u8) && first[^1] == (byte)']')
                {
                    labels[2] = _labels.Get(first[4..^1]);
                    next = 2;
                }
                else
                {
                    labels[2] = "all";
                }
                if (next >= n) return MissingLabel;
                labels[0] = _labels.Get(_tokens.Get(line, next));
                if (labels[0] is null || labels[2] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, next + 1, n, values, out var rest)) return BadValues;
                if (rest < n && (labels[1] = _labels.Get(_tokens.Rest(line, rest))) is null) return BadUtf8;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Cmem:
            {
                if (n < 3) return MissingLabel;
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                if (labels[0] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, n, values, out var rest)) return BadValues;
                if (rest < n && (labels[1] = _labels.Get(_tokens.Rest(line, rest))) is null) return BadUtf8;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.Cdisk:
            {
                // CDISK <id> <major> <dev> ...; labels: container_id, container_name, device, device_major
                if (n < 5) return MissingLabel;
                if (!NumberParser.TryParseInt(_tokens.Get(line, 2), out _)) return "device major is not a number";
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                labels[3] = _labels.Get(_tokens.Get(line, 2));
                labels[2] = _labels.Get(_tokens.Get(line, 3));
                if (labels[0] is null || labels[2] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 4, n, values, out var rest)) return BadValues;
                if (rest < n && (labels[1] = _labels.Get(_tokens.Rest(line, rest))) is null) return BadUtf8;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.FpKeyValue:
            case LineKind.FpRrStats:
                return KeyValueLine(h, line, 1, labels, -1);
            case LineKind.FpPorts:
            {
                if (n < 2) return MissingLabel;
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                if (labels[0] is null) return BadUtf8;
                return KeyValueLine(h, line, 2, labels, -1);
            }
            case LineKind.FpProxy:
                return KeyValueLine(h, line, 1, labels, 0);
            case LineKind.Fpc:
            {
                if (n < 2) return MissingLabel;
                if (!NumberParser.TryParseInt(_tokens.Get(line, 1), out _)) return "fast-path cpu is not a number";
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            case LineKind.DotStat:
                return DotLine(h, line, labels);
            case LineKind.ImcapiResp:
                return ImcapiRespLine(h, line);
            case LineKind.ImcdrNodes:
            {
                // IMCDR_NODES <start_ts> <node_count> <peer_count> <id@ip>...
                if (n < 4) return BadValues;
                if (!NumberParser.TryParse(_tokens.Get(line, 1), out _)) return "start time is not a number";
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 2, 4, values, out _)) return BadValues;
                var list = n > 4 ? _tokens.Rest(line, 4) : default;
                if (!System.Text.Unicode.Utf8.IsValid(list)) return BadUtf8;
                Emit(h, layout, labels, values);
                if (n > 4) EmitText(StatsFor(h), _ts, h.Name, _lineNo, Encoding.UTF8.GetString(list));
                return null;
            }
            case LineKind.ImcdrPeer:
            {
                // IMCDR_FRR<oid>_STATS <phys_oid> <peer_ip> values...
                if (n < 4) return MissingLabel;
                labels[0] = _labels.Get(_tokens.Get(line, 1));
                labels[1] = _labels.Get(_tokens.Get(line, 2));
                if (labels[0] is null || labels[1] is null) return BadUtf8;
                var values = Values(layout);
                if (!h.Grammar!.TryFill(line, _tokens, 3, n, values, out _)) return BadValues;
                Emit(h, layout, labels, values);
                return null;
            }
            default:
                return "no reader for this prefix";
        }
    }

    /// <summary><c>TOP &lt;ppid&gt; &lt;pid&gt; &lt;cpu%&gt; &lt;total&gt; (&lt;user&gt; &lt;sys&gt;) &lt;last_cpu&gt; [cntr &lt;id&gt; [&lt;nspid&gt; [&lt;name&gt;]]] &lt;exec...&gt;</c></summary>
    string? TopLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        var n = _tokens.Count;
        if (n < 9) return "too few fields (exec name missing?)";
        var layout = h.Layout!;
        var ppid = _tokens.Get(line, 1);
        var pid = _tokens.Get(line, 2);
        if (!NumberParser.TryParseInt(ppid, out _) || !NumberParser.TryParseInt(pid, out _)) return "pid/ppid is not a number";
        var values = Values(layout);
        var slots = h.Grammar!.Slots; // cpu%, total, (user, sys), last cpu
        for (var i = 0; i < slots.Length; i++)
        {
            if (!NumberParser.TryParse(_tokens.Get(line, 3 + i), out values[slots[i]])) return BadValues;
        }
        var labels = _labelBuffer.AsSpan(0, 6);
        labels.Clear();
        labels[0] = _labels.Get(pid);
        labels[1] = _labels.Get(ppid);
        var next = 8;
        var bad = false;
        if (_tokens.Get(line, 8).SequenceEqual("cntr"u8))
        {
            // cntr <container_id> [<nspid> [<container_name>]] then the exec name (mandatory). The grammar is ambiguous
            // when an exec name with spaces follows a numeric nspid without a container name: the name wins.
            if (n < 11) return "container block without exec name";
            bad |= (labels[3] = _labels.Get(_tokens.Get(line, 9))) is null;
            next = 10;
            if (n - next >= 2 && NumberParser.TryParseInt(_tokens.Get(line, next), out _))
            {
                labels[4] = _labels.Get(_tokens.Get(line, next));
                next++;
                if (n - next >= 2)
                {
                    bad |= (labels[5] = _labels.Get(_tokens.Get(line, next))) is null;
                    next++;
                }
            }
        }
        bad |= (labels[2] = _labels.Get(_tokens.Rest(line, next))) is null;
        if (bad) return BadUtf8;
        Emit(h, layout, labels, values);
        return null;
    }

    /// <summary><c>DBWR &lt;bucket&gt; &lt;count&gt; &lt;avg_s&gt; ...</c>: zero or more triplets, one row per bucket.</summary>
    string? HistogramLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        var n = _tokens.Count - 1;
        if (n % 3 != 0) return "values are not (bucket, count, average) triplets";
        _triplets.Clear();
        for (var t = 1; t < _tokens.Count; t += 3)
        {
            if (!NumberParser.TryParseInt(_tokens.Get(line, t), out var bucket) || bucket > 128) return "bucket is not a small integer";
            if (!NumberParser.TryParse(_tokens.Get(line, t + 1), out var count) || !NumberParser.TryParse(_tokens.Get(line, t + 2), out var avg)) return BadValues;
            _triplets.Add((bucket, count, avg));
        }
        var layout = h.Layout!;
        var labels = _labelBuffer.AsSpan(0, 1);
        for (var i = 0; i < _triplets.Count; i++)
        {
            var (bucket, count, avg) = _triplets[i];
            labels[0] = BucketLabel(bucket);
            var values = Values(layout);
            values[h.Grammar!.Slots[0]] = count;
            values[h.Grammar.Slots[1]] = avg;
            Emit(h, layout, labels, values);
        }
        return null;
    }

    static readonly string[] BucketLabels = [.. Enumerable.Range(0, 129).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    static string BucketLabel(long bucket) => BucketLabels[bucket];

    /// <summary><c>BUDDY &lt;node&gt;/&lt;zone&gt; t &lt;bytes&gt; a &lt;bytes&gt; b &lt;order0&gt; ...</c>: orders beyond the spec become columns.</summary>
    string? BuddyLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        var n = _tokens.Count;
        if (n < 7) return BadValues;
        var nodeZone = _tokens.Get(line, 1);
        var slash = nodeZone.IndexOf((byte)'/');
        if (slash <= 0 || slash == nodeZone.Length - 1) return "expected <node>/<zone>";
        if (!_tokens.Get(line, 2).SequenceEqual("t"u8) || !_tokens.Get(line, 4).SequenceEqual("a"u8) || !_tokens.Get(line, 6).SequenceEqual("b"u8)) return BadValues;
        if (!NumberParser.TryParse(_tokens.Get(line, 3), out var total) || !NumberParser.TryParse(_tokens.Get(line, 5), out var avg)) return BadValues;
        var orders = n - 7;
        if (orders > BuddyMaxOrders) return "too many buddy orders";
        Span<double> counts = stackalloc double[BuddyMaxOrders];
        for (var i = 0; i < orders; i++)
        {
            if (!NumberParser.TryParse(_tokens.Get(line, 7 + i), out counts[i])) return BadValues;
        }
        var layout = h.Layout!;
        Span<int> index = stackalloc int[BuddyMaxOrders];
        for (var i = 0; i < orders; i++) index[i] = ColumnIndex(h, BuddyOrderColumns[i], MetricKind.Gauge, named: true);

        var labels = _labelBuffer.AsSpan(0, 2);
        labels[0] = _labels.Get(nodeZone[..slash]);
        labels[1] = _labels.Get(nodeZone[(slash + 1)..]);
        if (labels[0] is null || labels[1] is null) return BadUtf8;
        var values = Values(layout);
        values[layout.IndexOfKey("total_free_bytes")] = total;
        values[layout.IndexOfKey("avg_block_bytes")] = avg;
        for (var i = 0; i < orders; i++)
        {
            if (index[i] >= 0) values[index[i]] = counts[i];
            else _stats.Warn(_keyWarnings[-1 - index[i]]);
        }
        Emit(h, layout, labels, values);
        return null;
    }

    /// <summary><c>UDP &lt;lip&gt;:&lt;lport&gt; &lt;rip&gt;:&lt;rport&gt; rq/tq &lt;rx&gt; &lt;tx&gt; d &lt;drops&gt; i &lt;inode&gt;</c></summary>
    string? UdpLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        var n = _tokens.Count;
        if (n < 4) return MissingLabel;
        var labels = _labelBuffer.AsSpan(0, 5);
        if (!SplitAddress(_tokens.Get(line, 1), out labels[0], out labels[1]) || !SplitAddress(_tokens.Get(line, 2), out labels[2], out labels[3]))
            return "expected <address>:<port>";
        var end = n;
        for (var t = 3; t < n; t++)
        {
            if (_tokens.Get(line, t).SequenceEqual("i"u8))
            {
                if (t != n - 2) return BadValues;
                labels[4] = _labels.Get(_tokens.Get(line, t + 1));
                end = t;
                break;
            }
        }
        var layout = h.Layout!;
        var values = Values(layout);
        if (!h.Grammar!.TryFill(line, _tokens, 3, end, values, out _)) return BadValues;
        Emit(h, layout, labels, values);
        return null;
    }

    bool SplitAddress(ReadOnlySpan<byte> token, out string? address, out string? port)
    {
        var colon = token.LastIndexOf((byte)':');
        address = port = null;
        if (colon <= 0 || colon == token.Length - 1) return false;
        address = _labels.Get(token[..colon]);
        port = _labels.Get(token[(colon + 1)..]);
        return address is not null && port is not null;
    }

    /// <summary><c>DOT_STAT &lt;n_ifaces&gt; &lt;addr&gt; [TLS|DTLS] rx .. tx ..</c> (DOH/TCP_DCA: no protocol token).</summary>
    string? DotLine(LineHandler h, ReadOnlySpan<byte> line, Span<string?> labels)
    {
        var n = _tokens.Count;
        if (n < 3) return MissingLabel;
        if (!NumberParser.TryParse(_tokens.Get(line, 1), out var interfaces)) return "interface count is not a number";
        labels[0] = _labels.Get(_tokens.Get(line, 2));
        if (labels[0] is null) return BadUtf8;
        var first = 3;
        if (labels.Length > 1 && n > 3)
        {
            var proto = _tokens.Get(line, 3);
            if (proto.SequenceEqual("TLS"u8) || proto.SequenceEqual("DTLS"u8))
            {
                labels[1] = _labels.Get(proto);
                first = 4;
            }
        }
        _pairs.Clear();
        _pairs.Add((h.Layout!.IndexOfKey("interfaces"), interfaces));
        return KeyValueLine(h, line, first, labels, -1, keepPairs: true);
    }

    /// <summary><c>IMCAPI_RESP &lt;total&gt; &lt;63 values&gt;</c> → 64 rows: (all, all) then 9 request types × 7 response slots.</summary>
    string? ImcapiRespLine(LineHandler h, ReadOnlySpan<byte> line)
    {
        if (_tokens.Count != 65) return "expected 64 values";
        for (var i = 0; i < 64; i++)
        {
            if (!NumberParser.TryParse(_tokens.Get(line, 1 + i), out _respValues[i])) return BadValues;
        }
        var layout = h.Layout!;
        var labels = _labelBuffer.AsSpan(0, 2);
        var values = Values(layout);
        labels[0] = "all";
        labels[1] = "all";
        values[0] = _respValues[0];
        Emit(h, layout, labels, values);
        for (var r = 0; r < RequestTypes.Length; r++)
        {
            for (var s = 0; s < ResponseTypes.Length; s++)
            {
                labels[0] = RequestTypes[r];
                labels[1] = ResponseTypes[s];
                values[0] = _respValues[1 + r * ResponseTypes.Length + s];
                Emit(h, layout, labels, values);
            }
        }
        return null;
    }

    /// <summary>
    /// <c>key value</c> pairs from token <paramref name="first"/>. FPRRSTATS: <c>REQ</c>/<c>RES</c> open blocks whose keys
    /// are looked up as <c>REQ.a</c>. FPPRXY: <c>hsc</c> is the <c>msp_index</c> label (<paramref name="hscLabel"/>).
    /// Unknown keys become discovered columns (schema auto-update) or are counted as <c>unknown_key:PREFIX:key</c>.
    /// The whole line is validated before any column is created or any row is emitted.
    /// </summary>
    string? KeyValueLine(LineHandler h, ReadOnlySpan<byte> line, int first, Span<string?> labels, int hscLabel, bool keepPairs = false)
    {
        if (!keepPairs) _pairs.Clear();
        _pending.Clear();
        var n = _tokens.Count;
        var keys = h.Keys!;
        var block = 0; // 0 none, 1 REQ, 2 RES
        var rr = h.Kind == LineKind.FpRrStats;
        for (var t = first; t < n; t++)
        {
            var key = _tokens.Get(line, t);
            if (rr && key.Length == 3 && key[0] == (byte)'R' && key[1] == (byte)'E' && (key[2] == (byte)'Q' || key[2] == (byte)'S'))
            {
                block = key[2] == (byte)'Q' ? 1 : 2;
                continue;
            }
            if (t + 1 >= n) return "key without value";
            var valueToken = _tokens.Get(line, ++t);
            if (hscLabel >= 0 && key.SequenceEqual("hsc"u8))
            {
                if (!NumberParser.TryParseInt(valueToken, out _)) return "hsc is not a number";
                labels[hscLabel] = _labels.Get(valueToken);
                continue;
            }
            if (!NumberParser.TryParse(valueToken, out var value)) return BadValues;
            if (!IsValidKey(key)) return "unreadable key";
            if (keys.TryGetValue(BlockKey(key, block), out var index))
            {
                _pairs.Add((index, value));
            }
            else
            {
                _pending.Add((_pairs.Count, t - 1, block));
                _pairs.Add((int.MinValue, value));
            }
        }

        // The line is valid: now unknown keys may create columns.
        foreach (var (pair, token, blk) in _pending)
        {
            _pairs[pair] = (ColumnIndex(h, BlockKey(_tokens.Get(line, token), blk), MetricKind.Counter, named: false), _pairs[pair].Value);
        }

        var layout = h.Layout!;
        var values = Values(layout);
        for (var i = 0; i < _pairs.Count; i++)
        {
            var (index, value) = _pairs[i];
            if (index >= 0) values[index] = value;
            else _stats.Warn(_keyWarnings[-1 - index]);
        }
        Emit(h, layout, labels, values);
        return null;
    }

    /// <summary>The lookup key: the token, or <c>REQ.&lt;token&gt;</c> / <c>RES.&lt;token&gt;</c> inside an FPRRSTATS block.</summary>
    ReadOnlySpan<byte> BlockKey(ReadOnlySpan<byte> key, int block)
    {
        if (block == 0) return key;
        (block == 1 ? "REQ."u8 : "RES."u8).CopyTo(_keyScratch);
        key.CopyTo(_keyScratch.AsSpan(4));
        return _keyScratch.AsSpan(0, 4 + key.Length);
    }

    /// <summary>
    /// The column for a key the handler's map does not know yet: a newly discovered column (the sink hears of it
    /// first), or a negative code when it cannot be stored (auto-update off, cap reached); callers count
    /// <c>unknown_key:PREFIX:key</c> for every occurrence. <paramref name="named"/>: the key is the column name itself.
    /// </summary>
    int ColumnIndex(LineHandler h, ReadOnlySpan<byte> keyBytes, MetricKind kind, bool named)
    {
        var keys = h.Keys!;
        if (keys.TryGetValue(keyBytes, out var cached)) return cached;
        var key = Encoding.UTF8.GetString(keyBytes);
        var layout = h.Layout!;
        var index = _registry.GetOrAddColumn(layout, key, kind, named ? key : null, out var created);
        if (index >= 0)
        {
            if (created) _sink.OnSchemaChange(new SchemaChange(layout, layout.Metrics[index], key));
            keys.Set(keyBytes, index);
            return index;
        }
        if (_keyWarnings.Count >= MaxKeyWarnings)
        {
            // Hostile input with endless distinct keys: stop remembering them one by one (memory stays bounded).
            _overflowKeyWarning ??= AddKeyWarning("unknown_key:" + ParseStats.OtherKey);
            return _overflowKeyWarning.Value;
        }
        var code = AddKeyWarning($"unknown_key:{h.Name}:{key}");
        keys.Set(keyBytes, code);
        return code;
    }

    int AddKeyWarning(string token)
    {
        _keyWarnings.Add(token);
        return -_keyWarnings.Count;
    }

    /// <summary>Keys are short tokens of letters, digits and <c>_ . - / +</c> (<c>4aqc</c>, <c>F-BA</c>, <c>t64</c>).</summary>
    static bool IsValidKey(ReadOnlySpan<byte> key)
    {
        if (key.Length is 0 or > 48) return false;
        foreach (var b in key)
        {
            if (!(b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9')
                    or (byte)'_' or (byte)'.' or (byte)'-' or (byte)'/' or (byte)'+')) return false;
        }
        return true;
    }
}
