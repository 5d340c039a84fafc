namespace PerfAspire.Ingest.Generation;

/// <summary>CPU, memory, NUMA, disks, network, UDP sockets and SNMP (docs/ptop-format.md §3.1–3.5, §3.10).</summary>
internal sealed partial class HostModel
{
    double[] _cpuBase = [];
    double _memTotal;
    double _swapTotal;
    double _cached;
    double _anon;
    double _balloon;
    string[] _disks = [];
    double[] _diskLoad = [];
    string[] _nics = [];
    double[] _nicPps = [];
    double[,] _ifstat = new double[0, 0];
    readonly double[] _ipCounters = new double[3];
    readonly double[] _udpCounters = new double[4];
    (string Local, string Remote, long Inode, double RxQ, double Drops)[] _sockets = [];
    bool[] _socketSeen = [];

    static readonly string[] SlabNames =
        ["radix_tree_node", "dentry", "inode_cache", "kmalloc-64", "buffer_head", "ext4_inode_cache", "skbuff_head_cache", "task_struct", "vm_area_struct", "filp", "kmalloc-256", "sock_inode_cache"];
    double[] _slabObjects = [];

    bool IsFastPathCpu(int cpu) => cpu >= 1 && cpu <= _o.FastPathCores;

    void InitSystem()
    {
        _cpuBase = [.. Enumerable.Range(0, _o.Cpus).Select(_ => 5 + _r.NextDouble() * 25)];
        _memTotal = _o.Cpus >= 16 ? 33_654_439_936 : 8_381_067_264;
        _swapTotal = 4_294_959_104;
        _cached = 55;
        _anon = 20;
        _disks = [.. Enumerable.Range(0, _o.Disks).Select(i => "sd" + (char)('a' + i))];
        _diskLoad = [.. Enumerable.Range(0, _o.Disks).Select(i => i == 0 ? 1.0 : 0.2 + _r.NextDouble() * 0.5)];
        // The last NIC is a bond whose name ptop glues to the prefix (NETbond0): a formatting quirk to keep.
        _nics = [.. Enumerable.Range(0, _o.Nics).Select(i => i == _o.Nics - 1 && _o.Nics > 1 ? "bond0" : "eth" + i)];
        _nicPps = [.. Enumerable.Range(0, _o.Nics).Select(i => i == 0 ? 4000.0 : 500 + _r.NextDouble() * 1500)];
        _ifstat = new double[_o.Nics, 6];
        for (var i = 0; i < _o.Nics; i++)
        {
            _ifstat[i, 0] = _r.Next(100_000, 10_000_000);
            _ifstat[i, 1] = _ifstat[i, 0] * 90;
            _ifstat[i, 2] = _r.Next(100_000, 10_000_000);
            _ifstat[i, 3] = _ifstat[i, 2] * 110;
        }
        _sockets =
        [
            ("0.0.0.0:53", "0.0.0.0:0", 86601, 0, 0),
            ("10.34.119.2:1194", "0.0.0.0:0", 86611, 0, 0),
            ("127.0.0.1:953", "0.0.0.0:0", 86620, 0, 0),
            (":::53", ":::0", 86630, 0, 0),
            ("10.34.119.2:40122", "10.40.0.12:8053", 90211, 0, 0),
        ];
        _socketSeen = new bool[_sockets.Length];
        _slabObjects = [.. Enumerable.Range(0, _o.SlabCaches).Select(_ => (double)_r.Next(50_000, 800_000))];
    }

    void WriteCpu()
    {
        double su = 0, ss = 0, sn = 0, sio = 0, sirq = 0, ssoft = 0;
        Span<double> line = stackalloc double[6];
        for (var c = 0; c < _o.Cpus; c++)
        {
            if (IsFastPathCpu(c))
            {
                // DPDK cores poll: the OS sees them fully busy in user mode whatever the traffic.
                line[0] = R1(U(99.5, 0.4)); line[1] = R1(U(0.3, 0.2)); line[2] = 0; line[3] = 0; line[4] = 0; line[5] = R1(U(0.1, 0.1));
            }
            else
            {
                var b = _cpuBase[c] * (1 + 0.3 * Math.Sin(_epoch / 90.0 + c));
                line[0] = R1(Jitter(b * 0.6));
                line[1] = R1(Jitter(b * 0.3));
                line[2] = R1(Jitter(b * 0.05));
                line[3] = R1(Jitter(0.4) + _intensity * Jitter(40, 0.3));
                line[4] = R1(Jitter(0.1));
                line[5] = R1(Jitter(b * 0.05) + (c == 0 ? Jitter(2) : 0));
            }
            var sum = line[0] + line[1] + line[2] + line[3] + line[4] + line[5];
            if (sum > 100)
            {
                line[3] = R1(Math.Max(0, line[3] - (sum - 100)));
                sum = line[0] + line[1] + line[2] + line[3] + line[4] + line[5];
            }
            WriteCpuLine("cpu" + c, line, sum, summary: false);
            su += line[0]; ss += line[1]; sn += line[2]; sio += line[3]; sirq += line[4]; ssoft += line[5];
        }
        var n = _o.Cpus;
        line[0] = R1(su / n); line[1] = R1(ss / n); line[2] = R1(sn / n); line[3] = R1(sio / n); line[4] = R1(sirq / n); line[5] = R1(ssoft / n);
        WriteCpuLine("cpu", line, line[0] + line[1] + line[2] + line[3] + line[4] + line[5], summary: true);

        if (_o.InjectFaults && _fileEpoch == 5)
        {
            // A deliberately garbled value: counted as malformed under CPU.
            Malformed("CPU cpu1 u 12.x id/io 80.0  2.0 u/s/n  8.0  4.0  0.0 irq h/s  0.0  0.0");
        }
    }

    void WriteCpuLine(string name, ReadOnlySpan<double> v, double sum, bool summary)
    {
        var idle = R1(Math.Max(0, 100 - sum));
        var util = R1(v[0] + v[1] + v[2]); // u = user + sys + nice
        _w.S(summary ? "CPU  cpu u " : "CPU " + name + " u ").P(util, 1, 4)
            .S(" id/io ").P(idle, 1, 4).S(" ").P(v[3], 1, 4)
            .S(" u/s/n ").P(v[0], 1, 4).S(" ").P(v[1], 1, 4).S(" ").P(v[2], 1, 4)
            .S(" irq h/s ").P(v[4], 1, 4).S(" ").P(v[5], 1, 4).End();
        Data("ptops_cpu");
    }

    void WriteMem()
    {
        _cached = Math.Clamp(_cached + U(0, 0.3), 40, 70);
        _anon = Math.Clamp(_anon + U(0.01, 0.1), 10, 35);
        var free = Math.Max(0.5, 100 - _cached - _anon - 10 - 3);
        var avail = Math.Min(99, free + _cached * 0.8);
        _w.S("MEM t ").I((long)_memTotal).S(" f ").F(free, 1).S(" b ").F(Jitter(9.9, 0.02), 1).S(" c ").F(_cached, 1)
            .S(" s ").F(Jitter(2.5, 0.05), 1).S(" a ").F(_anon, 1).S(" sh ").F(0.4, 1).S(" sw ").F(Jitter(0.2, 0.5), 1).S(" ").I((long)_swapTotal)
            .S(" h ").I(16215).S(" ").I(275).S(" A ").F(avail, 1);
        if (_fileEpoch > 0)
        {
            // The pio/sio tail needs a previous sample: absent on the first epoch of each file.
            _w.S(" pio ").F(Jitter(12) + _intensity * 40, 1).S(" ").F(Jitter(800) + _intensity * 9000, 1)
                .S(" sio ").F(0, 1).S(" ").F(_intensity > 0.8 ? Jitter(2) : 0, 1);
        }
        _w.End();
        Data("ptops_mem");
    }

    void WriteNuma()
    {
        for (var node = 0; node < _o.NumaNodes; node++)
        {
            var free = R1(node == 0 ? Jitter(3, 0.3) : Jitter(25, 0.1));
            _w.S("NODE ").I(node).S(" t ").I((long)(_memTotal / _o.NumaNodes)).S(" f ").F(free, 1).S(" u ").F(100 - free, 1).End();
            Data("ptops_node");
        }

        var zones = new List<string> { "0/DMA", "0/DMA32", "0/Normal" };
        for (var node = 1; node < _o.NumaNodes; node++) zones.Add(node + "/Normal");
        Span<long> counts = stackalloc long[12];
        for (var z = 0; z < zones.Count; z++)
        {
            // The last zone reports one extra order (order 11): a column the spec does not have (schema auto-update).
            var orders = z == zones.Count - 1 ? 12 : 11;
            long total = 0;
            for (var o = 0; o < orders; o++)
            {
                counts[o] = z == 0 ? _r.Next(0, 4) : Math.Max(0, (long)Jitter(4000 >> Math.Min(o, 10), 0.4) - (long)(_intensity * (o > 5 ? 20 : 0)));
                total += counts[o] * (4096L << o);
            }
            var blocks = 0L;
            for (var o = 0; o < orders; o++) blocks += counts[o];
            _w.S("BUDDY ").S(zones[z]).S(" t ").I(total).S(" a ").I(blocks == 0 ? 0 : total / blocks).S(" b");
            for (var o = 0; o < orders; o++) _w.S(" ").I(counts[o]);
            _w.End();
            Data("ptops_buddy");
        }

        for (var s = 0; s < _o.SlabCaches; s++)
        {
            _slabObjects[s] = Math.Max(1000, _slabObjects[s] + U(50, 400));
            var active = Math.Floor(_slabObjects[s] * Jitter(0.97, 0.02));
            _w.S("SLAB ").S(SlabNames[s]).S(" ").I((long)Math.Min(active, _slabObjects[s])).S(" ").I((long)_slabObjects[s])
                .S(" mb ").F(_slabObjects[s] * 576 / 1048576.0, 3).S(" w ").F(Jitter(1.3, 0.3), 1).End();
            Data("ptops_slab");
        }

        // Balloon inflates for a while in the first third: printed only when non-zero.
        var total3 = _o.TotalEpochs;
        var inflated = _epoch >= total3 * 15 / 100 && _epoch < total3 * 30 / 100;
        _balloon = inflated ? Math.Min(2048, _balloon + 16) : 0;
        if (_balloon > 0)
        {
            _w.S("BALLOON  ").I((long)_balloon).End();
            Data("ptops_balloon");
        }
    }

    void WriteDisks()
    {
        for (var d = 0; d < _o.Disks; d++)
        {
            // Lines exist only for devices with I/O in the interval.
            if (d > 0 && !Chance(_diskLoad[d])) continue;
            var incident = d == 0 ? _intensity : 0;
            var rs = R1(Jitter(d == 0 ? 5 : 2, 0.6));
            var rkb = R3(rs * Jitter(8, 0.5));
            var ws = R1(Jitter(d == 0 ? 120 : 20, 0.4) + incident * 150);
            var wkb = R3(ws * Jitter(40, 0.3) + incident * 12000);
            var rAvgMs = R1(Jitter(2, 0.5) + incident * Jitter(120, 0.3));
            var wAvgMs = R1(Jitter(3, 0.5) + incident * Jitter(450, 0.3));
            var svc = R1(Jitter(0.8, 0.3) + incident * 3);
            var queue = R1(Jitter(0.5, 0.5) + incident * Jitter(180, 0.2));
            var busy = R1(Math.Min(100, Jitter(d == 0 ? 25 : 5, 0.4) + incident * 100));
            _w.S("DISK ").I(8 + 16 * d).S("  ").S(_disks[d])
                .S(" rkxt ").F(rs, 1).S(" ").F(rkb, 3).S(" ").F(rs > 0 ? rkb / rs : 0, 3).S(" ").F(rAvgMs, 1)
                .S(" wkxt ").F(ws, 1).S(" ").F(wkb, 3).S(" ").F(ws > 0 ? wkb / ws : 0, 3).S(" ").F(wAvgMs, 1)
                .S(" sqb ").F(svc, 1).S(" ").F(queue, 1).S(" ").F(busy, 1).End();
            Data("ptops_disk");
        }
    }

    void WriteNet()
    {
        var interval = _o.IntervalSeconds;
        for (var i = 0; i < _o.Nics; i++)
        {
            var glued = _nics[i] == "bond0";
            // The last ethernet port is idle now and then: its rate line is suppressed, its ifstat line is not.
            var idle = i == _o.Nics - 2 && i > 0 && Chance(0.3);
            if (!idle)
            {
                var rx = R1(Jitter(_nicPps[i], 0.3));
                var tx = R1(rx * Jitter(0.9, 0.1));
                var rkb = R1(rx * 0.09);
                var tkb = R1(tx * 0.11);
                var rd = R1(_intensity > 0.7 && i == 0 ? Jitter(3) : 0);
                _w.S(glued ? "NET" : "NET ").S(_nics[i]).S(" rk ").F(rx, 1).S(" ").F(rkb, 1).S(" tk ").F(tx, 1).S(" ").F(tkb, 1)
                    .S(" rd ").F(rd, 1).S(" td ").F(0, 1).End();
                Data("ptops_net");
                _ifstat[i, 0] += Math.Round(rx * interval);
                _ifstat[i, 1] += Math.Round(rkb * 1024 * interval);
                _ifstat[i, 2] += Math.Round(tx * interval);
                _ifstat[i, 3] += Math.Round(tkb * 1024 * interval);
                _ifstat[i, 4] += Math.Round(rd * interval);
            }
        }
        for (var i = 0; i < _o.Nics; i++)
        {
            _w.S("NET ifstat").S(_nics[i]);
            for (var k = 0; k < 6; k++) _w.S(" ").I((long)_ifstat[i, k]);
            _w.End();
            Data("ptops_net_ifstat");
        }
    }

    void WriteUdpSnmp()
    {
        for (var s = 0; s < _sockets.Length; s++)
        {
            ref var sock = ref _sockets[s];
            var drops = _intensity > 0.5 && s == 0 ? Math.Round(Jitter(20)) : 0;
            // Drops are per interval, except on a socket's first line where ptop prints the absolute count.
            if (!_socketSeen[s]) drops += 3;
            _socketSeen[s] = true;
            var rxq = s == 0 ? Math.Round(Jitter(2000, 0.5) + _intensity * 200_000) : 0;
            _w.S("UDP ").S(sock.Local).S(" ").S(sock.Remote).S(" rq/tq ").I((long)rxq).S(" ").I(s == 1 ? 2784 : 0)
                .S(" d ").I((long)drops).S(" i ").I(sock.Inode).End();
            Data("ptops_udp");
        }

        var rx = R1(Jitter(5200, 0.2));
        _ipCounters[0] += _intensity > 0.9 ? 1 : 0;
        _w.S("SNMP.Ip rx/del/dis ").F(rx, 1).S(" ").F(R1(rx * 0.99), 1).S(" ").F(R1(_intensity * 5), 1)
            .S(" tx/dis ").F(R1(rx * 0.95), 1).S(" ").F(0, 1)
            .S(" rh/ra/rp ").I((long)_ipCounters[0]).S(" ").I((long)_ipCounters[1]).S(" ").I((long)_ipCounters[2]).End();
        Data("ptops_snmp_ip");

        _udpCounters[0] += Math.Round(_intensity * Jitter(50)); // receive buffer errors grow while named falls behind
        _udpCounters[2] += Chance(0.2) ? 1 : 0;
        _w.S("SNMP.Udp rx/re ").F(R1(rx * 0.8), 1).S(" ").I((long)_udpCounters[0]).S(" tx/te ").F(R1(rx * 0.78), 1).S(" ").I((long)_udpCounters[1])
            .S(" np ").I((long)_udpCounters[2]).S(" ie ").I((long)_udpCounters[3]).End();
        Data("ptops_snmp_udp");
    }
}
