namespace PerfAspire.AppHost.Database;

/// <summary>The mode the AppHost will run, and why (shown in the log and on the dashboard).</summary>
public sealed record DatabaseModeSelection(DatabaseMode Mode, string Reason)
{
    public const string ConfigKey = "Database:Mode";

    /// <summary>Lower-case name as written in configuration and passed to services as DATABASE_MODE.</summary>
    public string Name => Mode.ToString().ToLowerInvariant();

    /// <summary>
    /// Parses <c>Database:Mode</c> (empty = auto) and resolves auto with <paramref name="dockerAvailable"/>, which is
    /// only called for auto so explicit modes never pay for probing Docker.
    /// </summary>
    public static DatabaseModeSelection Select(string? configured, Func<bool> dockerAvailable)
    {
        var text = configured?.Trim();
        if (string.IsNullOrEmpty(text)) text = "auto";
        var mode = text.ToLowerInvariant() switch
        {
            "auto" => DatabaseMode.Auto,
            "container" => DatabaseMode.Container,
            "local" => DatabaseMode.Local,
            "external" => DatabaseMode.External,
            _ => throw new DatabaseConfigurationException(
                $"Unknown {ConfigKey} '{text}'. Use one of: auto, container, local, external (e.g. dotnet run --project src/PerfAspire.AppHost -- --{ConfigKey}=local)."),
        };
        if (mode != DatabaseMode.Auto) return new DatabaseModeSelection(mode, $"{ConfigKey}={text}");
        return dockerAvailable()
            ? new DatabaseModeSelection(DatabaseMode.Container, "auto: docker info succeeded")
            : new DatabaseModeSelection(DatabaseMode.Local, "auto: no Docker engine (docker info failed)");
    }
}
