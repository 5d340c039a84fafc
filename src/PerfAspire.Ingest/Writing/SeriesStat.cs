namespace PerfAspire.Ingest.Writing;

/// <summary>Running statistics of one metric column of one series: what a whole-bundle query needs without a scan.</summary>
internal struct SeriesStat
{
    public long Count;
    public double Sum;
    public double Min;
    public double Max;
    public long FirstTs;
    public long LastTs;
    public double FirstValue;
    public double LastValue;

    public void Add(long ts, double v)
    {
        if (Count == 0)
        {
            Min = Max = FirstValue = LastValue = v;
            FirstTs = LastTs = ts;
        }
        else
        {
            if (v < Min) Min = v;
            if (v > Max) Max = v;
            // Files arrive oldest first, so these are almost always the 'last' branch; still correct out of order.
            if (ts < FirstTs) { FirstTs = ts; FirstValue = v; }
            if (ts >= LastTs) { LastTs = ts; LastValue = v; }
        }
        Count++;
        Sum += v;
    }
}
