namespace PerfAspire.Ingest.Writing;

/// <summary>
/// Back-pressure between the parser thread and the writers, counted in bytes so memory stays bounded whatever the
/// batch size: the parser blocks while more than <see cref="Capacity"/> encoded bytes wait to be written.
/// A single batch larger than the capacity still passes when nothing else is in flight.
/// </summary>
internal sealed class ByteGate(long capacity)
{
    readonly object _gate = new();
    long _inFlight;

    public long Capacity { get; } = capacity;

    public void Acquire(long bytes, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_inFlight == 0 || _inFlight + bytes <= Capacity)
            {
                _inFlight += bytes;
                return;
            }
        }
        using var reg = ct.Register(() => { lock (_gate) Monitor.PulseAll(_gate); });
        lock (_gate)
        {
            while (_inFlight != 0 && _inFlight + bytes > Capacity)
            {
                ct.ThrowIfCancellationRequested();
                Monitor.Wait(_gate);
            }
            ct.ThrowIfCancellationRequested();
            _inFlight += bytes;
        }
    }

    public void Release(long bytes)
    {
        lock (_gate)
        {
            _inFlight -= bytes;
            Monitor.PulseAll(_gate);
        }
    }
}
