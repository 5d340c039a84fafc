using PerfAspire.Ingest.Client;

namespace PerfAspire.Ingest.Loading;

/// <summary>
/// Hands each progress report to the callback on the loader's own thread, in order (unlike
/// <see cref="Progress{T}"/>, which posts reports to the thread pool and may deliver them late or out of order).
/// </summary>
internal sealed class CallbackProgress(Action<LoadProgress> report) : IProgress<LoadProgress>
{
    public void Report(LoadProgress value) => report(value);
}
