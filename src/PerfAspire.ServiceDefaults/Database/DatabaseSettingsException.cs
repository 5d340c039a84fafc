namespace PerfAspire.ServiceDefaults.Database;

/// <summary>A database setting a service cannot use. The message is one line that names the fix.</summary>
public sealed class DatabaseSettingsException(string message) : Exception(message);
