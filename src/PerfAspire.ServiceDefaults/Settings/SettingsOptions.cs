using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PerfAspire.Schema;

namespace PerfAspire.ServiceDefaults.Settings;

/// <summary>
/// Settings records (<see cref="DatabaseSettings"/>, ingestion's) as <see cref="IOptions{TOptions}"/> read from
/// their configuration sections, the documented environment variables standing for their keys
/// (<see cref="SettingVariables"/>). They are read when the host starts (ValidateOnStart): a bad value stops the
/// start with a <see cref="SettingsException"/> naming the setting as it was given.
/// </summary>
public static class SettingsOptions
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as options built by <paramref name="read"/> from the configuration. The
    /// records are immutable and parse with their own range checks, so they are built whole instead of bound
    /// property by property.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, IConfiguration configuration, Func<Func<string, string?>, T> read)
        where T : class
    {
        services.TryAddSingleton<IOptionsFactory<T>>(new SettingsFactory<T>(() => read(key => configuration[key])));
        return services.AddOptions<T>().ValidateOnStart();
    }

    /// <summary>The database settings (section <c>Database</c>, <c>TIMESCALE_*</c>, <c>SCHEMA_*</c>).</summary>
    public static IServiceCollection AddDatabaseSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(configuration, DatabaseSettings.Read);
        return services;
    }

    sealed class SettingsFactory<T>(Func<T> read) : IOptionsFactory<T> where T : class
    {
        public T Create(string name) => read();
    }
}
