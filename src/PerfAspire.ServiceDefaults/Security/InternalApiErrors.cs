using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>
/// The internal APIs' last line: every answer is the <c>{error, message}</c> body, whatever went wrong and in every
/// environment (the development exception page never shows). A value that cannot be read (a query or route value of
/// the wrong type, a number out of range, a request ASP.NET cannot parse) is 400 <c>invalid_argument</c> naming it; an
/// unexpected failure is 500 <c>internal_error</c> with a trace id and no exception text, the exception itself goes
/// to the log; an error status a handler set without a body (an unknown route, a wrong method) gets one.
/// </summary>
public static class InternalApiErrors
{
    public const string InvalidArgument = "invalid_argument";
    public const string InternalError = "internal_error";

    /// <summary>Install before every other middleware of the API (the access checks included).</summary>
    public static void UseInternalApiErrors(this WebApplication app, string service)
    {
        // Minimal APIs only say which parameter failed to bind when they throw; otherwise the answer is a bare 400.
        app.Services.GetRequiredService<IOptions<RouteHandlerOptions>>().Value.ThrowOnBadRequest = true;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PerfAspire.InternalApi");
        app.Use(async (context, next) =>
        {
            if (HasNul(context.Request))
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, InvalidArgument,
                    $"{InvalidArgument}: the URL holds a NUL character; ids, paths and query values are text without one");
                return;
            }
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                log.LogInformation("{Service} API: {Method} {Path} refused: {Message}", service, context.Request.Method, context.Request.Path, e.Message);
                var code = e.StatusCode == StatusCodes.Status400BadRequest ? InvalidArgument : StatusCode(e.StatusCode);
                await WriteAsync(context, e.StatusCode, code, $"{code}: {OneLine(e.Message)}");
                return;
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client went away; nobody reads an answer
            }
            catch (Exception e) when (!context.Response.HasStarted)
            {
                var trace = Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;
                log.LogError(e, "{Service} API: {Method} {Path} failed unexpectedly (trace {Trace})", service, context.Request.Method, context.Request.Path, trace);
                await WriteAsync(context, StatusCodes.Status500InternalServerError, InternalError,
                    $"{InternalError}: the {service} service failed unexpectedly (trace {trace}); its log has the details. Retry; if it persists, report it with the trace id.");
                return;
            }
            if (context.Response.StatusCode >= 400 && !context.Response.HasStarted && context.Response.ContentType is null && context.Response.ContentLength is null)
            {
                var status = context.Response.StatusCode;
                var code = StatusCode(status);
                var what = status switch
                {
                    StatusCodes.Status404NotFound => $"no {service} API route {context.Request.Method} {OneLine(context.Request.Path.Value)}",
                    StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not accepted on {OneLine(context.Request.Path.Value)}",
                    _ => "the request was refused",
                };
                await WriteAsync(context, status, code, $"{code}: {what}");
            }
        });
    }

    /// <summary>A NUL in the decoded path or a query value: no API takes one, and PostgreSQL text cannot hold it.</summary>
    static bool HasNul(HttpRequest request) =>
        request.Path.Value?.Contains('\0') == true
        || (request.QueryString.HasValue && request.Query.Any(q => q.Key.Contains('\0') || q.Value.Any(v => v?.Contains('\0') == true)));

    static string StatusCode(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidArgument,
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request_timeout",
        StatusCodes.Status413PayloadTooLarge => "payload_too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status431RequestHeaderFieldsTooLarge => "headers_too_large",
        >= 500 => InternalError,
        _ => "bad_request",
    };

    static Task WriteAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error = code, message });
    }

    /// <summary>ASP.NET's binding messages quote the value sent: kept to one printable line of bounded length.</summary>
    static string OneLine(string? message) => Clip(message is null ? null : new string([.. message.Select(c => char.IsControl(c) ? ' ' : c)]));

    static string Clip(string? text) => text is null ? "" : text.Length <= 300 ? text : text[..300] + "...";
}
