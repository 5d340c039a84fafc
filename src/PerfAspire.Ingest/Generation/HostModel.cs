namespace PerfAspire.Ingest.Generation;

/// <summary>
/// A simulated appliance: the state behind every ptop record group (counters, threads, processes, disks, the fast
/// path), advanced one sampling epoch at a time and printed the way ptop prints it, quirks included. One latency
/// incident (slow storage) shows up at once in CPU iowait, disk queue and latency, slow DB histogram buckets, fast-path
/// mbuf use and MSP proxy timeouts followed by reconnects. Every printed line is accounted in an
/// <see cref="ExpectedFile"/> exactly as the parser must account it.
/// </summary>
internal sealed partial class HostModel
{
    readonly GeneratorOptions _o;
    readonly Random _r;
    readonly int _incidentStart;
    readonly int _incidentEnd;

    LineWriter _w = null!;
    ExpectedFile _e = null!;
    int _epoch;        // global epoch index
    int _fileEpoch;    // epoch index inside the current file
    int _fileIndex;
    double _intensity; // incident intensity 0..1 for the current epoch

    public HostModel(GeneratorOptions options)
    {
        _o = options;
        _r = new Random(options.Seed);
        HostId = _r.NextInt64(0x1000_0000_0000, 0xFFFF_FFFF_FFFF).ToString("x12");
        var total = options.TotalEpochs;
        var length = Math.Clamp(total / 6, 6, 45);
        _incidentStart = (int)(total * 0.6);
        _incidentEnd = Math.Min(total, _incidentStart + length);
        InitSystem();
        InitProcesses();
        InitFastPath();
    }

    public string HostId { get; }

    public const string PtopVersion = "9.0.5-52728-5501324ffb0c";

    public long EpochSeconds(int globalEpoch) => new DateTimeOffset(_o.StartUtc).ToUnixTimeSeconds() + (long)(globalEpoch + 1) * _o.IntervalSeconds;

    public (long Start, long End) IncidentMicros => (EpochSeconds(_incidentStart) * 1_000_000, EpochSeconds(_incidentEnd - 1) * 1_000_000);

    /// <summary>Writes one whole ptop log (file <paramref name="fileIndex"/>) and returns what the parser must find in it.</summary>
    public ExpectedFile WriteFile(int fileIndex, Stream output, string pathInBundle, bool gzip, bool decimalEpochs, bool truncateLastLine)
    {
        _fileIndex = fileIndex;
        _e = new ExpectedFile { Path = pathInBundle, Gzip = gzip };
        using (_w = new LineWriter(output))
        {
            Text("ARGS", $"ARGS /usr/bin/ptop -C -Ms -Nn -T{_o.TopThreads} -D -B -d{_o.IntervalSeconds} -b -W 14 -V -l/var/log", newRecord: true);
            _w.S("IDENT ").S(PtopVersion).S(" ").S(HostId).End();
            Header();

            for (_fileEpoch = 0; _fileEpoch < _o.EpochsPerFile; _fileEpoch++)
            {
                _epoch = fileIndex * _o.EpochsPerFile + _fileEpoch;
                _intensity = Intensity(_epoch);
                _w.End();
                _e.BlankLines++;
                WriteTime(decimalEpochs);
                _e.Epochs++;
                WriteEpoch();
            }

            if (truncateLastLine)
            {
                // The collector was killed mid-line: the parser must count this line as malformed and drop it.
                _w.Truncated("CPU cpu0 u 14.9 id/io  0.0 85.1 u/s/n  0.0 10.9  4.0 irq h/s  0.0  0.0", 30);
                _e.MalformedLines++;
                _e.Lines++;
            }
        }
        _e.Lines += _w.Lines;
        return _e;
    }

    double Intensity(int epoch)
    {
        if (epoch < _incidentStart || epoch >= _incidentEnd) return 0;
        var x = (epoch - _incidentStart + 0.5) / (_incidentEnd - _incidentStart);
        return 0.35 + 0.65 * Math.Sin(Math.PI * x);
    }

    void WriteTime(bool decimalEpochs)
    {
        var epoch = EpochSeconds(_epoch);
        var wall = DateTimeOffset.FromUnixTimeSeconds(epoch).UtcDateTime;
        _w.S("TIME ").I((long)(_fileEpoch + 1) * _o.IntervalSeconds).S(" ").I(epoch);
        if (decimalEpochs) _w.S(".").I(_r.Next(100, 999));
        _w.S(" ").S(wall.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).End();
        Header();
    }

    void WriteEpoch()
    {
        WriteCpu();
        WriteMem();
        WriteNuma();
        WriteDisks();
        WriteNet();
        WriteUdpSnmp();
        WriteTop();
        WriteSmaps();
        WriteDb();
        WriteContainers();
        WriteFastPath();
        WriteImc();
        WriteOpaque();
    }

    // ---- accounting helpers --------------------------------------------------------------------------------

    void Header() => _e.HeaderLines++;

    /// <summary>The line just written produced <paramref name="rows"/> rows of <paramref name="table"/>.</summary>
    void Data(string table, int rows = 1)
    {
        _e.DataLines++;
        _e.AddRows(table, rows);
    }

    void Text(string prefix, string line, bool newRecord)
    {
        _w.S(line).End();
        _e.TextLines++;
        if (newRecord) _e.TextRecords++;
    }

    void Malformed(string line)
    {
        _w.S(line).End();
        _e.MalformedLines++;
    }

    // ---- random helpers ------------------------------------------------------------------------------------

    /// <summary>Uniform in [mean - spread, mean + spread].</summary>
    double U(double mean, double spread) => mean + (_r.NextDouble() * 2 - 1) * spread;

    /// <summary>Positive, multiplicative noise around <paramref name="mean"/>.</summary>
    double Jitter(double mean, double relative = 0.2) => Math.Max(0, mean * (1 + (_r.NextDouble() * 2 - 1) * relative));

    static double R1(double x) => Math.Round(x, 1, MidpointRounding.AwayFromZero);

    static double R3(double x) => Math.Round(x, 3, MidpointRounding.AwayFromZero);

    bool Chance(double p) => _r.NextDouble() < p;
}
