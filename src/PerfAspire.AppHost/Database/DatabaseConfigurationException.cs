namespace PerfAspire.AppHost.Database;

/// <summary>A database setting the AppHost cannot work with. The message is one line that names the fix.</summary>
public sealed class DatabaseConfigurationException(string message) : Exception(message);
