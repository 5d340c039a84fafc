using PerfAspire.Schema.Query;

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

    /// <summary>
    /// The counter increase over the series (<see cref="CounterSql"/>: a decrease is a reset), summed step by step
    /// as the samples arrive; NaN once a sample arrived out of time order, since the steps are then unknown.
    /// </summary>
    public double Increase;

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
            if (ts > LastTs) Increase += CounterSql.Increase(v, LastValue);
            else if (ts < LastTs) Increase = double.NaN;
            if (ts < FirstTs) { FirstTs = ts; FirstValue = v; }
            if (ts >= LastTs) { LastTs = ts; LastValue = v; }
        }
        Count++;
        Sum += v;
    }
}
