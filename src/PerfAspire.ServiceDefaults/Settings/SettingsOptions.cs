using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PerfAspire.Schema;

namespace PerfAspire.ServiceDefaults.Settings;

/// <summary>
/// The one way settings reach the code: <see cref="IOptions{TOptions}"/> bound to a configuration section (the
/// documented environment variables standing for their keys, <see cref="SettingVariables"/>), checked against the
/// validation attributes of the options class, and validated when the host starts. A value that cannot be read or
/// is out of range stops the start with an <see cref="OptionsValidationException"/> naming the setting as it was
/// given — never a silent fallback to the default. Unset or empty means the default.
/// </summary>
public static class SettingsOptions
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, checks it and validates it on start (once per type).</summary>
    public static OptionsBuilder<T> BindSettings<T>(this OptionsBuilder<T> builder, IConfiguration configuration, string section)
        where T : class
    {
        if (builder.Services.Any(d => d.ServiceType == typeof(IValidateOptions<T>) && d.ImplementationInstance is SettingsValidator<T>)) return builder;
        builder.Services.AddSingleton<IValidateOptions<T>>(new SettingsValidator<T>(configuration, section));
        return builder.Configure(o => Bind(configuration, section, o)).ValidateOnStart();
    }

    /// <summary>A rule across settings: <paramref name="problem"/> says what is wrong, or null.</summary>
    public static OptionsBuilder<T> Check<T>(this OptionsBuilder<T> builder, Func<T, string?> problem) where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new RuleValidator<T>(problem));
        return builder;
    }

    /// <summary>The database settings (section <c>Database</c>, <c>TIMESCALE_*</c>, <c>SCHEMA_*</c>).</summary>
    public static IServiceCollection AddDatabaseSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseSettings>().BindSettings(configuration, DatabaseSettings.Section);
        return services;
    }

    /// <summary>
    /// The same binding and checks where no host exists (a command line, a test): throws
    /// <see cref="OptionsValidationException"/> naming a bad setting.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section) where T : class, new()
    {
        var options = new T();
        Bind(configuration, section, options);
        var result = new SettingsValidator<T>(configuration, section).Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures) : options;
    }

    /// <summary>Binds the section, first refusing values the binder could not convert (naming them).</summary>
    static void Bind<T>(IConfiguration configuration, string section, T options) where T : class
    {
        var failures = new List<string>();
        foreach (var property in Settable(typeof(T)))
        {
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsPrimitive) continue;
            var (name, text) = SettingVariables.Find(configuration, $"{section}:{property.Name}");
            if (text is null) continue;
            if (!Converts(type, text)) failures.Add(Invalid(name, text, Expected(type, property.GetCustomAttribute<ValidationAttribute>())));
        }
        if (failures.Count > 0) throw new OptionsValidationException(Options.DefaultName, typeof(T), failures);
        SettingVariables.Overlay(configuration).GetSection(section).Bind(options);
    }

    static IEnumerable<PropertyInfo> Settable(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true);

    static bool Converts(Type type, string text)
    {
        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException or NotSupportedException)
        {
            return false;
        }
    }

    static string Invalid(string name, string text, string expected) =>
        $"{name}='{(text.Length > 80 ? text[..80] + "..." : text)}' is not valid: expected {expected}.";

    static string Expected(Type type, ValidationAttribute? rule)
    {
        if (rule is ExpectedValueAttribute described) return described.Expected;
        var whole = type == typeof(int) || type == typeof(long);
        if (rule is RangeAttribute range)
        {
            var min = Convert.ToString(range.Minimum, CultureInfo.InvariantCulture);
            var max = Convert.ToString(range.Maximum, CultureInfo.InvariantCulture);
            var unbounded = max is "2147483647" or "9223372036854775807" || range.Maximum is double.MaxValue;
            var kind = whole ? "a whole number" : "a number";
            return unbounded ? $"{kind} of at least {min}" : $"{kind} from {min} to {max}";
        }
        if (type == typeof(bool)) return "true or false";
        return whole ? "a whole number" : type == typeof(double) ? "a number" : $"a {type.Name}";
    }

    /// <summary>Checks the validation attributes of each property, naming the setting as it was given.</summary>
    sealed class SettingsValidator<T>(IConfiguration configuration, string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var failures = new List<string>();
            foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                var value = property.GetValue(options);
                if (property.GetCustomAttributes<ValidationAttribute>(inherit: true).FirstOrDefault(a => !a.IsValid(value)) is not { } broken) continue;
                var (setting, text) = SettingVariables.Find(configuration, $"{section}:{property.Name}");
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                failures.Add(broken is ExpectedValueAttribute || (broken is RangeAttribute && broken.ErrorMessage is null)
                    ? Invalid(setting, text ?? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", Expected(type, broken))
                    : broken.FormatErrorMessage(setting));
            }
            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }

    sealed class RuleValidator<T>(Func<T, string?> problem) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            problem(options) is { } failure ? ValidateOptionsResult.Fail(failure) : ValidateOptionsResult.Success;
    }
}
