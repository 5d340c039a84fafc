namespace PerfAspire.Ingest.Generation;

/// <summary>
/// DB histograms and pool, the DPDK fast path, DoT/DoH/TCP, IMC API/IMCDR, and the opaque plugins kept as text
/// (docs/ptop-format.md §3.8–3.9, §3.12–3.13).
/// </summary>
internal sealed partial class HostModel
{
    /// <summary>Monotonic counters of one key/value line, printed in key order.</summary>
    sealed class CounterLine(string[] keys)
    {
        public string[] Keys { get; } = keys;
        public double[] Values { get; } = new double[keys.Length];

        public void Add(int index, double delta) => Values[index] += Math.Max(0, Math.Round(delta));
    }

    static readonly string[] ProxyKeys = ["ccs", "cnc", "qah", "caqh", "qfah", "qpb", "qth", "rmsp", "mrsc", "rfsc", "rpfse", "rpfst", "rpftn", "rpse", "rpvnf", "rrhf", "rpv6nf", "rpv4nf"];
    static readonly string[] RrTypes = ["a", "aaaa", "mx", "ptr", "cname", "t64", "t65", "other"];
    static readonly double[] RrShare = [0.55, 0.25, 0.02, 0.08, 0.03, 0.01, 0.04, 0.02];

    CounterLine[] _ports = [];
    CounterLine[] _proxies = [];
    CounterLine _prefetch = null!;
    CounterLine _dca = null!;
    CounterLine _dncr = null!;
    CounterLine _vl = null!;
    CounterLine _dtob = null!;
    CounterLine _ptob = null!;
    readonly double[] _rr = new double[16];
    readonly double[] _fps = new double[6];
    readonly double[] _fpcCycles = new double[64];
    readonly double[] _fpp = new double[2];
    readonly double[,] _dot = new double[4, 6];
    readonly double[] _imcReq = new double[9];
    readonly double[] _imcResp = new double[63];
    readonly double[] _imcdrEvents = new double[11];
    readonly double[] _imcdrConn = new double[8];
    readonly double[,] _frr = new double[2, 5];
    readonly double[] _frs = new double[2];
    readonly double[] _imcdrMem = new double[3];
    double _reconnectDebt;

    void InitFastPath()
    {
        _ports = [.. Enumerable.Range(0, _o.Nics).Select(_ => new CounterLine(["ip", "op", "ib", "ob", "ie", "oe", "mc", "im", "in"]))];
        _proxies = [.. Enumerable.Range(0, 2).Select(_ => new CounterLine(ProxyKeys))];
        _prefetch = new CounterLine(["ti", "qc", "mfat", "4aqc", "mf4a", "ftxn", "stxn", "raq", "r4aq"]);
        _dca = new CounterLine(["dca_pass_to_bind", "pcp_pass_to_bind", "dca_non_cacheable_response"]);
        _dncr = new CounterLine(["neq", "ewl", "ewp", "eu", "sh", "psh", "s4p", "s6p", "spcp", "swpcp"]);
        _vl = new CounterLine(["F-P", "F-W", "F-B", "F-BA", "N-P", "N-W", "N-B", "N-R", "N-BA", "N-DD", "T-F", "T-B"]);
        // Families the spec does not know: the loader creates ptops_fp_dtob / ptops_fp_ptob on first sight.
        _dtob = new CounterLine(["tq", "tr", "to-err"]);
        _ptob = new CounterLine(["tq", "tr", "4xx"]);
    }

    void WriteDb()
    {
        WriteHistogram("DBWR", "ptops_dbwr", 14, 18, 30);
        WriteHistogram("DBWA", "ptops_dbwa", 15, 19, _fileEpoch % 4 == 0 ? 0 : 4); // some epochs have no waits: a bare "DBWA"
        WriteHistogram("DBRD", "ptops_dbrd", 10, 14, 60);

        var hits = Math.Round(Jitter(9000, 0.2));
        var misses = Math.Round(Jitter(90, 0.4) + _intensity * 900);
        _w.S("DBMPOOL sz 512");
        if (_fileIndex != 0) _w.S(" MiB"); // the oldest (rotated) log comes from a ptop build without the unit
        _w.S(" pg ").I(65536).S(" cl ").I(60000 - (long)(_intensity * 20000)).S(" dr ").I(5536 + (long)(_intensity * 20000))
            .S(" cr ").I((long)Jitter(10)).S(" i ").I((long)misses).S(" o ").I((long)(Jitter(40) + _intensity * 600))
            .S(" a ").I((long)Jitter(50)).S(" h ").I((long)hits).S(" m ").I((long)misses)
            .S(" ro ").I((long)Jitter(5)).S(" rw ").I((long)(Jitter(3) + _intensity * 100)).S(" fr ").I(Chance(0.1) ? 1 : 0).S(" th ").I(Chance(0.1) ? 1 : 0).End();
        Data("ptops_dbmpool");
    }

    void WriteHistogram(string prefix, string table, int low, int high, double ops)
    {
        _w.S(prefix);
        var rows = 0;
        if (ops > 0)
        {
            // Slow storage pushes operations into high buckets (>= 2^21 ns = 2 ms) during the incident.
            var slowFrom = _intensity > 0 ? high + 3 : int.MaxValue;
            var slowTo = high + 3 + (int)Math.Round(_intensity * 5);
            for (var b = low; b <= Math.Max(high, slowTo); b++)
            {
                if (b > high && b < slowFrom) continue;
                var mean = b <= high ? ops / (high - low + 1) : ops * 0.2 * _intensity;
                var count = (long)Math.Round(Jitter(mean, 0.6));
                if (count == 0) continue;
                // Bucket b holds latencies in [2^(b-1), 2^b) ns.
                var avg = Math.Pow(2, b - 1) * (1 + _r.NextDouble()) * 1e-9;
                _w.S(" ").I(b).S(" ").I(count).S(" ").F(avg, 9);
                rows++;
            }
        }
        _w.End();
        Data(table, rows);
    }

    void WriteFastPath()
    {
        var interval = _o.IntervalSeconds;
        var qps = Jitter(4000, 0.15);
        var perInterval = qps * interval;

        var inUse = Math.Round(Jitter(20000, 0.1) + _intensity * 30000);
        var pool = 65536.0;
        _w.S("FPMBUF bc ").I((long)inUse).S(" mac ").I((long)(pool - inUse)).S(" bup ").F(inUse / pool * 100, 2).S("%").End();
        Data("ptops_fp_mbuf");

        for (var p = 0; p < _ports.Length; p++)
        {
            var c = _ports[p];
            var share = perInterval / _ports.Length;
            c.Add(0, share); c.Add(1, share * 0.98); c.Add(2, share * 90); c.Add(3, share * 110);
            c.Add(4, Chance(0.01) ? 1 : 0); c.Add(6, Jitter(2)); c.Add(7, _intensity * Jitter(50)); c.Add(8, _intensity > 0.6 ? Jitter(30) : 0);
            WriteCounters("FPPORTS port" + p, c, "ptops_fp_ports");
        }

        // Upstream MSP: timeouts climb during the incident, reconnects follow at its end.
        if (_intensity > 0.5) _reconnectDebt += 0.2;
        for (var m = 0; m < _proxies.Length; m++)
        {
            var c = _proxies[m];
            var q = perInterval * 0.3 / _proxies.Length;
            var timeouts = q * (0.0005 + _intensity * 0.05);
            c.Values[0] = 4; // ccs: a gauge
            if (_intensity == 0 && _reconnectDebt >= 1)
            {
                c.Add(1, 1);
                if (m == _proxies.Length - 1) _reconnectDebt -= 1;
            }
            c.Add(2, q); c.Values[3] = Math.Round(Jitter(5, 0.5) + _intensity * 400); c.Add(5, q * 0.01); c.Add(6, timeouts);
            c.Add(7, q - timeouts); c.Add(8, q - timeouts); c.Add(12, timeouts * 0.3);
            _w.S("FPPRXY hsc ").I(m);
            for (var k = 0; k < c.Keys.Length; k++) _w.S(" ").S(c.Keys[k]).S(" ").I((long)c.Values[k]);
            _w.End();
            Data("ptops_fp_proxy");
        }

        _prefetch.Add(0, interval); _prefetch.Add(1, Jitter(40)); _prefetch.Add(3, Jitter(20)); _prefetch.Add(6, Jitter(60)); _prefetch.Add(7, Jitter(40)); _prefetch.Add(8, Jitter(20));
        _prefetch.Add(2, _intensity > 0.6 ? Jitter(3) : 0);
        WriteCounters("FPPREF", _prefetch, "ptops_fp_prefetch");
        _dca.Add(0, perInterval * 0.05); _dca.Add(1, perInterval * 0.002); _dca.Add(2, perInterval * 0.01);
        WriteCounters("FPDCA", _dca, "ptops_fp_dca");

        for (var t = 0; t < RrTypes.Length; t++)
        {
            _rr[t] += Math.Round(perInterval * RrShare[t]);
            _rr[8 + t] += Math.Round(perInterval * RrShare[t] * 0.98);
        }
        _w.S("FPRRSTATS REQ");
        for (var t = 0; t < RrTypes.Length; t++) _w.S(" ").S(RrTypes[t]).S(" ").I((long)_rr[t]);
        _w.S(" RES");
        for (var t = 0; t < RrTypes.Length; t++) _w.S(" ").S(RrTypes[t]).S(" ").I((long)_rr[8 + t]);
        _w.End();
        Data("ptops_fp_rrstats");

        for (var k = 0; k < _dncr.Keys.Length; k++) _dncr.Add(k, perInterval * 0.01 * (k + 1) / 5);
        WriteCounters("FPDNCR", _dncr, "ptops_fp_dncr");
        for (var k = 0; k < 10; k++) _vl.Add(k, Jitter(3));
        _vl.Values[10] = _vl.Values[0] + _vl.Values[1] + _vl.Values[2] + _vl.Values[3];
        _vl.Values[11] = _vl.Values[4] + _vl.Values[5] + _vl.Values[6] + _vl.Values[7] + _vl.Values[8];
        WriteCounters("FPVLSTATS", _vl, "ptops_fp_vlstats");

        var hit = perInterval * 0.8;
        _fps[0] += Math.Round(perInterval); _fps[1] += Math.Round(perInterval * 0.99); _fps[2] += Math.Round(_intensity * 40);
        _fps[3] += Math.Round(perInterval * 0.15); _fps[4] += Math.Round(hit); _fps[5] += Math.Round(perInterval * 0.05);
        _w.S("FPS iod ").I((long)_fps[0]).S(" ").I((long)_fps[1]).S(" ").I((long)_fps[2]).S(" mhb ").I((long)_fps[3]).S(" ").I((long)_fps[4]).S(" ").I((long)_fps[5]).End();
        Data("ptops_fp_status");

        Text("FPC", "FPC Fast path CPU usage:", newRecord: true);
        double totalCycles = 0;
        for (var c = 1; c <= _o.FastPathCores; c++)
        {
            var busy = Math.Round(Jitter(8, 0.3) + _intensity * 10);
            var cycles = Math.Round(Jitter(47_935_828, 0.1) * interval);
            _fpcCycles[c] += cycles;
            totalCycles += cycles;
            _w.S("FPC ").I(c).S(" ").I((long)busy).S(" ").I((long)_fpcCycles[c]).S(" ").I((long)Jitter(12652, 0.1)).S(" ").I(0).End();
            Data("ptops_fp_cpu");
        }
        _fpp[0] += totalCycles;
        _fpp[1] += Math.Round(perInterval);
        _w.S("FPP ").I((long)_fpp[0]).S(" ").I((long)_fpp[1]).End();
        Data("ptops_fp_packets");

        _dtob.Add(0, Jitter(100)); _dtob.Add(1, Jitter(95)); _dtob.Add(2, _intensity * 5);
        WriteCounters("FPDTOB", _dtob, "ptops_fp_dtob");
        _ptob.Add(0, Jitter(50)); _ptob.Add(1, Jitter(49)); _ptob.Add(2, Chance(0.05) ? 1 : 0);
        WriteCounters("FPPTOB", _ptob, "ptops_fp_ptob");

        WriteSessionLine("DOT_STAT", "TLS", 0, "ptops_dot");
        WriteSessionLine("DOT_STAT", "DTLS", 1, "ptops_dot");
        WriteSessionLine("DOH_STAT", null, 2, "ptops_doh");
        WriteSessionLine("TCP_DCA_STAT", null, 3, "ptops_tcp_dca");
    }

    void WriteCounters(string head, CounterLine c, string table)
    {
        _w.S(head);
        for (var k = 0; k < c.Keys.Length; k++) _w.S(" ").S(c.Keys[k]).S(" ").I((long)c.Values[k]);
        _w.End();
        Data(table);
    }

    void WriteSessionLine(string prefix, string? protocol, int row, string table)
    {
        var opened = Math.Round(Jitter(20));
        var closed = Math.Max(0, opened - Math.Round(U(0, 2)));
        _dot[row, 0] += Math.Round(Jitter(600)); _dot[row, 1] += Math.Round(Jitter(590)); _dot[row, 2] += Math.Round(_intensity * 10);
        _dot[row, 3] += Math.Round(_intensity * 3); _dot[row, 4] += opened; _dot[row, 5] += closed;
        _w.S(prefix).S(" 1 10.35.133.3 ");
        if (protocol is not null) _w.S(protocol).S(" ");
        _w.S("rx ").I((long)_dot[row, 0]).S(" tx ").I((long)_dot[row, 1]).S(" dp ").I((long)_dot[row, 2]).S(" qd ").I((long)_dot[row, 3])
            .S(" os ").I((long)_dot[row, 4]).S(" cs ").I((long)_dot[row, 5]).S(" as ").I((long)Math.Max(0, _dot[row, 4] - _dot[row, 5])).End();
        Data(table);
    }

    void WriteImc()
    {
        double[] rates = [0.1, 2, 5, 10, 1, 0.05, 1, 2, 1];
        for (var t = 0; t < 9; t++)
        {
            var n = Math.Round(Jitter(rates[t], 0.8));
            _imcReq[t] += n;
            var failures = Chance(0.02 + _intensity * 0.2) ? Math.Min(n, 1) : 0;
            _imcResp[t * 7] += n - failures;
            _imcResp[t * 7 + 1] += failures;
            if (Chance(0.01)) _imcResp[t * 7 + 2 + _r.Next(5)] += 1;
        }
        _w.S("IMCAPI_REQ ").I((long)_imcReq.Sum());
        foreach (var v in _imcReq) _w.S(" ").I((long)v);
        _w.End();
        Data("ptops_imcapi_req");
        _w.S("IMCAPI_RESP ").I((long)_imcResp.Sum());
        foreach (var v in _imcResp) _w.S(" ").I((long)v);
        _w.End();
        Data("ptops_imcapi_resp", 64);

        var peers = _intensity > 0.8 ? 1 : 2;
        _w.S("IMCDR_NODES 1751000000 3 ").I(peers).S(" 1@10.40.0.11 2@10.40.0.12 3@10.40.0.13").End();
        Data("ptops_imcdr_nodes");
        _e.TextRecords++; // the id@ip list

        for (var k = 0; k < 8; k++) _imcdrEvents[k] += Math.Round(Jitter(k < 3 ? 5 : 1, 0.8));
        _imcdrEvents[8] += Math.Round(Jitter(300)); _imcdrEvents[9] += Math.Round(Jitter(290)); _imcdrEvents[10] += Math.Round(Jitter(120));
        WriteValues("IMCDR_EVENT_STATS", _imcdrEvents, "ptops_imcdr_events");
        if (_intensity > 0.8 && Chance(0.3)) _imcdrConn[0] += 1;
        _imcdrConn[6] += Chance(0.05) ? 1 : 0;
        WriteValues("IMCDR_CONN_STATS", _imcdrConn, "ptops_imcdr_conn");

        for (var p = 0; p < 2; p++)
        {
            var oid = 12 + p;
            _frr[p, 0] += Math.Round(_intensity * Jitter(4)); _frr[p, 1] += _intensity > 0.8 && Chance(0.2) ? 1 : 0; _frr[p, 2] += Math.Round(Jitter(10));
            _frr[p, 3] += Chance(0.05) ? 1 : 0;
            _w.S("IMCDR_FRR").I(oid).S("_STATS ").I(oid).S(" 10.40.0.").I(12 + p);
            for (var k = 0; k < 5; k++) _w.S(" ").I((long)_frr[p, k]);
            _w.End();
            Data("ptops_imcdr_frr");
            _frs[p] += Math.Round(Jitter(120));
            _w.S("IMCDR_FRS").I(oid).S("_STATS ").I(oid).S(" 10.40.0.").I(12 + p).S(" ").I(40 + p).S(" ").I((long)_frs[p]).End();
            Data("ptops_imcdr_frs");
        }

        _imcdrMem[0] += Math.Round(Jitter(400)); _imcdrMem[1] += Math.Round(Jitter(400) * 64); _imcdrMem[2] += Math.Round(Jitter(390));
        _w.S("IMCDR_MEM_STATS 1048576 ").I(2097152 + (long)(_epoch % 100) * 4096).S(" ").I((long)_imcdrMem[0]).S(" ").I((long)_imcdrMem[1])
            .S(" ").I((long)_imcdrMem[2]).S(" ").I(150_000 + (long)(_imcdrMem[0] - _imcdrMem[2])).End();
        Data("ptops_imcdr_mem");
    }

    void WriteValues(string prefix, double[] values, string table)
    {
        _w.S(prefix);
        foreach (var v in values) _w.S(" ").I((long)v);
        _w.End();
        Data(table);
    }

    void WriteOpaque()
    {
        if (_fileEpoch % 15 == 0)
        {
            // db_ph output: the continuation lines carry no prefix and belong to the DB record above them.
            Text("DB", $"DB db_ph: env /storage/db region 3 pages 65536 dirty {5536 + (long)(_intensity * 20000)}", newRecord: true);
            Text("DB", $"  lock region: {_r.Next(100, 2000)} locks, {_r.Next(2, 40)} lockers, 0 deadlocks", newRecord: false);
            Text("DB", $"  log: {Jitter(4.2):F1} MB written, {_r.Next(0, 3)} checkpoints", newRecord: false);
        }
        if (_fileEpoch % 5 == 2)
        {
            Text("VADP_CPU", $"VADP_CPU ready {Jitter(0.3):F1} costop 0.0 vcpus {_o.Cpus}", newRecord: true);
        }
        if (_fileEpoch == 0)
        {
            Text("SNIC", "SNIC mlx5_core fw 16.35.2000 driver 5.8-1.0.1", newRecord: true);
            for (var p = 1; p <= 2; p++) Text("SNIC", $"port{p} link up speed 25000 mtu 9000 rx_discards_phy {_r.Next(0, 10)}", newRecord: false);
        }
        if (_fileEpoch % 30 == 7)
        {
            // A plugin this parser does not know: kept as a text record and counted as unknown_prefix:HWMON.
            Text("HWMON", $"HWMON temp1 {Jitter(45, 0.1):F1} fan1 {_r.Next(3000, 5000)}", newRecord: true);
            _e.UnknownPrefixes["HWMON"] = _e.UnknownPrefixes.GetValueOrDefault("HWMON") + 1;
        }
    }
}
