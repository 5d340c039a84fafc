namespace PerfAspire.Ingest.Generation;

/// <summary>Threads (TOP), process memory (SMAPS) and containers (CCPU/CMEM/CDISK): docs/ptop-format.md §3.6–3.7, §3.11.</summary>
internal sealed partial class HostModel
{
    sealed class ThreadModel
    {
        public int Ppid;
        public int Pid;
        public string Exec = "";
        public double Base;
        public double Activity;
        public double UserShare;
        public double User;
        public double Sys;
        public int PinnedCpu = -1;
        public int Container = -1;
        public int NsPid;
        public bool Io;       // storage-bound kernel thread: busier during the incident
        public bool Churns;   // short-lived worker: replaced by a new pid now and then
        public double Cpu;    // this interval's CPU%
    }

    sealed class ProcessModel
    {
        public int Pid;
        public string? Command;
        public double Size;
        public double Private;
        public double Shared;
        public double Shmem;
        public double Swap;
        public double Growth;
    }

    sealed record ContainerModel(string Id, string Name, int Pid);

    readonly List<ThreadModel> _threads = [];
    readonly List<ProcessModel> _processes = [];
    ContainerModel[] _containers = [];
    int _nextPid = 20_000;
    readonly List<ThreadModel> _printed = [];
    double[,] _containerIo = new double[0, 0];

    const int NamedPid = 2088;
    const int FastPathPid = 1500;

    static readonly (int Pid, string Command)[] KnownProcesses =
    [
        (NamedPid, "/usr/sbin/named -u named -n 4 -c /etc/named.conf"),
        (FastPathPid, "/infoblox/one/bin/fp-dpdk --lcores 1-8 --socket-mem 2048"),
        (3100, "java -Xmx2g -jar /infoblox/one/bin/grid.jar"),
        (3320, "/infoblox/one/bin/monitor"),
        (3410, "sshd: admin [priv]"),
        (3500, "postgres: writer process"),
        (3610, "/usr/sbin/rsyslogd -n"),
        (3700, "/usr/bin/ptop -C -Ms -Nn -T -D -B -d60"),
    ];

    void InitProcesses()
    {
        _containers = [.. Enumerable.Range(0, _o.Containers).Select(i => new ContainerModel(
            _r.NextInt64(0x1000_0000, 0xFFFF_FFFF).ToString("x8") + "c0ffee"[..(2 + i)], i == 0 ? "dns-cache" : "threat-intel", 4100 + 100 * i))];
        _containerIo = new double[_o.Containers, 2];

        for (var c = 1; c <= _o.FastPathCores; c++)
            _threads.Add(new ThreadModel { Ppid = FastPathPid, Pid = FastPathPid + c, Exec = $"fp-lcore-{c}", Base = 99.5, Activity = 1, UserShare = 0.99, PinnedCpu = c });

        var kernel = new List<(string Exec, bool Io)>();
        for (var c = 0; c < _o.Cpus; c++)
        {
            kernel.Add(($"[kworker/{c}:1]", true));
            kernel.Add(($"[ksoftirqd/{c}]", false));
        }
        kernel.Add(("[jbd2/sda1-8]", true));
        kernel.Add(("[kswapd0]", true));
        kernel.Add(("[rcu_sched]", false));

        var k = 0;
        while (_threads.Count < _o.TopThreads)
        {
            var slot = _threads.Count % 10;
            ThreadModel t;
            if (slot < 4)
            {
                t = new ThreadModel { Ppid = NamedPid, Exec = "named", Base = 2 + _r.NextDouble() * 10, Activity = 0.9, UserShare = 0.7 };
            }
            else if (slot < 7 && k < kernel.Count)
            {
                var (exec, io) = kernel[k++];
                t = new ThreadModel { Ppid = 2, Exec = exec, Base = 0.3 + _r.NextDouble(), Activity = 0.35, UserShare = 0, Io = io };
            }
            else if (slot == 7 && _containers.Length > 0)
            {
                var c = _r.Next(_containers.Length);
                t = new ThreadModel { Ppid = _containers[c].Pid, Exec = c == 0 ? "dnscached --threads 4" : "feedd [sync]", Base = 1 + _r.NextDouble() * 4, Activity = 0.7, UserShare = 0.8, Container = c };
            }
            else
            {
                var (ppid, command) = KnownProcesses[2 + _r.Next(KnownProcesses.Length - 2)];
                t = new ThreadModel { Ppid = ppid, Exec = command, Base = 0.2 + _r.NextDouble() * 3, Activity = 0.3 + _r.NextDouble() * 0.4, UserShare = 0.6, Churns = true };
            }
            t.Pid = _nextPid++;
            t.NsPid = t.Container >= 0 ? _r.Next(2, 200) : 0;
            t.User = _r.NextDouble() * 500;
            t.Sys = t.User * 0.2;
            _threads.Add(t);
        }

        foreach (var (pid, command) in KnownProcesses.Take(_o.SmapsProcesses - 1))
            _processes.Add(NewProcess(pid, command, pid == NamedPid ? 40 : 0));
        for (var i = 0; _processes.Count < _o.SmapsProcesses; i++)
        {
            // Some processes are printed in quiet mode (no "c <command>"): the first filler and every 7th after it.
            var quiet = i % 7 == 0;
            _processes.Add(NewProcess(5000 + i * 13, quiet ? null : $"/infoblox/one/bin/worker --id {i}", 0));
        }
    }

    ProcessModel NewProcess(int pid, string? command, double growth) => new()
    {
        Pid = pid,
        Command = command,
        Private = 2000 + _r.NextDouble() * (pid == NamedPid ? 800_000 : 60_000),
        Shared = 500 + _r.NextDouble() * 5000,
        Shmem = _r.NextDouble() < 0.3 ? _r.NextDouble() * 3000 : 0,
        Swap = _r.NextDouble() < 0.2 ? _r.NextDouble() * 100 : 0,
        Size = 100_000 + _r.NextDouble() * 2_000_000,
        Growth = growth,
    };

    void WriteTop()
    {
        // Membership changes: short-lived workers exit and new pids appear.
        if (Chance(0.08))
        {
            var candidates = _threads.Where(t => t.Churns).ToList();
            if (candidates.Count > 0)
            {
                var t = candidates[_r.Next(candidates.Count)];
                t.Pid = _nextPid++;
                t.User = t.Sys = 0;
            }
        }

        var interval = _o.IntervalSeconds;
        _printed.Clear();
        foreach (var t in _threads)
        {
            var active = Chance(t.Activity) || (t.Io && _intensity > 0.3);
            if (!active)
            {
                t.Cpu = 0;
                continue;
            }
            var cpu = t.PinnedCpu >= 0 ? U(99.5, 0.4) : Jitter(t.Base, 0.6) * (t.Io ? 1 + 6 * _intensity : 1);
            t.Cpu = Math.Max(0.1, R1(cpu));
            var seconds = t.Cpu / 100 * interval;
            t.User += seconds * t.UserShare;
            t.Sys += seconds * (1 - t.UserShare);
            _printed.Add(t);
        }
        _printed.Sort((a, b) => b.Cpu.CompareTo(a.Cpu));

        foreach (var t in _printed)
        {
            var user = R1(t.User);
            var sys = R1(t.Sys);
            var lastCpu = t.PinnedCpu >= 0 ? t.PinnedCpu : _r.Next(_o.Cpus);
            _w.S("TOP ").I(t.Ppid).S(" ").I(t.Pid).S(" ").F(t.Cpu, 1).S("% ").F(user + sys, 1).S(" (").F(user, 1).S(" ").F(sys, 1).S(") ").I(lastCpu).S(" ");
            if (t.Container >= 0)
            {
                var c = _containers[t.Container];
                _w.S("cntr ").S(c.Id).S(" ").I(t.NsPid).S(" ").S(c.Name).S(" ");
            }
            _w.S(t.Exec).End();
            Data("ptops_top");
        }
    }

    void WriteSmaps()
    {
        foreach (var p in _processes)
        {
            p.Private = Math.Max(100, p.Private + p.Growth + U(0, 20));
            p.Shared = Math.Max(0, p.Shared + U(0, 5));
            var priv = Math.Round(p.Private);
            var shared = Math.Round(p.Shared);
            var shmem = Math.Round(p.Shmem);
            var rss = priv + shared;
            var size = Math.Round(p.Size + rss);
            _w.S("SMAPS ").I(p.Pid).S(" s/r/r-/sw ").I((long)size).S(" ").I((long)rss).S(" ").I((long)Math.Max(0, rss - shmem)).S(" ").I((long)Math.Round(p.Swap))
                .S(" s ").I((long)shared).S(" ").I((long)Math.Round(shared * 0.1))
                .S(" p ").I((long)priv).S(" ").I((long)Math.Round(priv * 0.9))
                .S(" sh ").I((long)shmem).S(" ").I(0);
            if (p.Command is not null) _w.S(" c ").S(p.Command);
            _w.End();
            Data("ptops_smaps");
        }
    }

    void WriteContainers()
    {
        var interval = _o.IntervalSeconds;
        for (var i = 0; i < _containers.Length; i++)
        {
            var c = _containers[i];
            double tu = 0, ts = 0;
            for (var cpu = 0; cpu < Math.Min(2, _o.Cpus); cpu++)
            {
                var u = R1(Jitter(3, 0.5));
                var s = R1(Jitter(1.4, 0.5));
                tu += u;
                ts += s;
                _w.S("CCPU cpu[").I(cpu).S("] ").S(c.Id).S(" u/s ").F(u, 1).S(" ").F(s, 1).S("  ").S(c.Name).End();
                Data("ptops_ccpu");
            }
            _w.S("CCPU ").S(c.Id).S(" u/s ").F(tu, 1).S(" ").F(ts, 1).S("  ").S(c.Name).End();
            Data("ptops_ccpu");

            _w.S("CMEM ").S(c.Id).S(" c ").I(_r.Next(10_000, 20_000)).S(" fi ").I(_r.Next(5_000, 9_000)).S(" r ").I(120_000 + _epoch % 1000)
                .S(" h ").I(0).S(" sh ").I(64).S(" sw ").I(0).S(" u ").I(8).S(" pio ").F(Jitter(3), 1).S(" ").F(Jitter(1), 1).S(" ").S(c.Name).End();
            Data("ptops_cmem");

            var r = R1(Jitter(1, 0.5));
            var w = R1(Jitter(4, 0.5) + _intensity * 10);
            _w.S("CDISK ").S(c.Id).S(" 8 sda rkx ").F(r, 1).S(" ").F(R1(r * 8), 1).S(" ").F(r > 0 ? 8 : 0, 1)
                .S(" wkx ").F(w, 1).S(" ").F(R1(w * 16), 1).S(" ").F(w > 0 ? 16 : 0, 1).S("  ").S(c.Name).End();
            Data("ptops_cdisk");
            _containerIo[i, 0] += r * interval;
            _containerIo[i, 1] += w * interval;
        }
    }
}
