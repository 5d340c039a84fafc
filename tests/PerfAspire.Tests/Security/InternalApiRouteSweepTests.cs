using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PerfAspire.Docs;
using PerfAspire.Docs.Hosting;
using PerfAspire.ServiceDefaults.Security;
using PerfAspire.Tests.Docs;
using PerfAspire.Tests.Infrastructure;
using PerfAspire.Tests.Mcp;
using static PerfAspire.Tests.Ingest.IngestTestBed;

namespace PerfAspire.Tests.Security;

/// <summary>
/// Every route of the ingest and docs APIs, enumerated from the running app's <see cref="EndpointDataSource"/> (a new
/// route is swept without touching this test), as a web page and a careless or hostile client would call it: a
/// foreign Origin, a text/plain body, no key, and values of the wrong type, out of range, with a NUL, malformed JSON.
/// Each answer is the API's <c>{error, message}</c> body with a 4xx status and no trace of an exception, with the
/// services in the Development environment (where ASP.NET would show its exception page).
/// </summary>
[Collection(DatabaseCollection.Name), Trait(TestFlavour.Trait, TestFlavour.Database)]
public sealed class InternalApiRouteSweepTests(DatabaseFixture db)
{
    const string Key = "test-internal-key-sweep-0123456789";

    /// <summary>One method of one route: its route values, its query parameters (name, type) and the body type it declares.</summary>
    sealed record Route(string Method, string Pattern, IReadOnlyList<string> RouteValues, IReadOnlyList<(string Name, Type Type)> Query, Type? Body)
    {
        public override string ToString() => $"{Method} {Pattern}";

        public string Path(Func<string, string>? value = null) =>
            Regex.Replace(Pattern, @"\{\**([^}:=?]+)[^}]*\}", m => (value ?? (_ => "x"))(m.Groups[1].Value));
    }

    static IReadOnlyList<Route> Routes(IServiceProvider services)
    {
        var routes = new List<Route>();
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');
            if (pattern is "/health" or "/alive") continue; // open to the orchestrator by design
            var routeValues = e.RoutePattern.Parameters.Select(p => p.Name).ToList();
            var handler = e.Metadata.GetMetadata<MethodInfo>();
            var query = handler?.GetParameters()
                .Where(p => p.Name is not null && !routeValues.Contains(p.Name, StringComparer.OrdinalIgnoreCase) && IsSimple(p.ParameterType))
                .Select(p => (p.Name!, Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)).ToList() ?? [];
            var body = e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            foreach (var method in e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes.Add(new Route(method, pattern, routeValues, query, body));
            }
        }
        return routes;
    }

    static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) || t.IsPrimitive || t == typeof(decimal);
    }

    static HttpRequestMessage Request(string method, string path, string? body = null, string contentType = "application/json", string? key = Key, string? origin = null) =>
        InternalApiHttp.Request(new HttpMethod(method), path, key, body, contentType, origin);

    sealed record Answer(HttpStatusCode Status, string? Code, string Text, string What);

    static async Task<Answer> SendAsync(HttpClient http, HttpRequestMessage request, string what)
    {
        var a = await InternalApiHttp.SendAsync(http, request);
        return new Answer(a.Status, a.Code, a.Text, what);
    }

    /// <summary>A refusal a client can read: 4xx, <c>{error: code, message}</c>, nothing of an exception.</summary>
    static void AssertCleanRefusal(Answer a, HttpStatusCode? status = null, string? code = null)
    {
        var context = $"{a.What} -> {(int)a.Status}: {Clip(a.Text)}";
        if (status is { } s) Assert.True(a.Status == s, context);
        Assert.True((int)a.Status is >= 400 and < 500, context);
        Assert.True(a.Code is { } c && Regex.IsMatch(c, "^[a-z_]+$"), context);
        if (code is not null) Assert.True(a.Code == code, context);
        using var doc = JsonDocument.Parse(a.Text);
        Assert.True(doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 }, context);
        AssertNoExceptionText(a.Text, context);
    }

    static void AssertNoExceptionText(string text, string context)
    {
        foreach (var leak in new[] { "   at ", ".cs:line", "Exception", "System.", "Npgsql", "Microsoft.", "StackTrace" })
        {
            Assert.False(text.Contains(leak, StringComparison.Ordinal), $"{context}: the answer shows '{leak}'");
        }
    }

    static string Clip(string text) => text.Length <= 400 ? text : text[..400] + "...";

    static readonly string Long = new('9', 3000);

    /// <summary>Values a query parameter of <paramref name="type"/> cannot take (a string takes anything but a NUL).</summary>
    static IEnumerable<string> BadQueryValues(Type type)
    {
        yield return "%00";
        if (type == typeof(string)) yield break;
        yield return "abc";
        yield return Long;
        yield return "99999999999999999999999999";
        yield return "1e999";
        if (type != typeof(double) && type != typeof(float)) yield return "1.5";
        if (type != typeof(bool)) yield return "NaN";
        yield return "0x10";
    }

    static readonly string[] BadRouteValues = ["%00", "a%00b", "%FF%FE", "%ED%A0%80", Long, "..%2F..%2Fetc%2Fpasswd", "%E2%80%AE"];

    /// <summary>Bodies no JSON endpoint can take: malformed, the wrong shape, members of the wrong type, NUL, numbers out of range.</summary>
    static readonly string[] BadBodies =
    [
        "{", "", "null", "[]", "\"x\"", "5", "1e400", "{\"path\":", new string('[', 5000) + new string(']', 5000),
        """{"path":5}""", """{"path":null}""", """{"path":"a\u0000b"}""", """{"path":["x"]}""", """{"path":{}}""",
        """{"bundle_id":5}""", """{"bundle_id":null}""", """{"bundle_id":"a\u0000b"}""", """{"bundle_id":"\ud800"}""",
        """{"path":"/nonexistent-sweep","max_files":1e400}""", """{"path":"/nonexistent-sweep","max_files":99999999999}""",
        """{"path":"/nonexistent-sweep","max_files":1.5}""", """{"path":"/nonexistent-sweep","max_files":"three"}""",
        """{"path":"/nonexistent-sweep","categories":"CPU"}""", """{"path":"/nonexistent-sweep","categories":["NOPE"]}""",
        """{"path":"/nonexistent-sweep","categories":[5]}""", """{"path":"/nonexistent-sweep","force":"yes"}""",
    ];

    /// <summary>Sweeps every route; returns the number of requests sent.</summary>
    static async Task<int> SweepAsync(HttpClient http, IReadOnlyList<Route> routes, string bodyForQuery)
    {
        var sent = 0;
        foreach (var route in routes)
        {
            var path = route.Path();
            var what = route.ToString();
            // A web page: a "simple" cross-site request, no preflight.
            AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, "{}", "text/plain", key: null, origin: "http://evil.example"), what + " cross-origin"),
                HttpStatusCode.Forbidden, "forbidden_origin");
            AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, route.Body is null ? null : "{}", origin: "null"), what + " Origin null"),
                HttpStatusCode.Forbidden, "forbidden_origin");
            // Another local program without the key.
            AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, route.Body is null ? null : "{}", key: null), what + " no key"),
                HttpStatusCode.Unauthorized, "unauthorized");
            // A body that is not JSON (every route, and in particular those that declare one).
            AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, "{}", "text/plain"), what + " text/plain"),
                HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
            AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, "a=b", "application/x-www-form-urlencoded"), what + " form"),
                HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
            sent += 5;

            foreach (var name in route.RouteValues)
            {
                foreach (var bad in BadRouteValues)
                {
                    var a = await SendAsync(http, Request(route.Method, route.Path(n => n == name ? bad : "x"), route.Body is null ? null : bodyForQuery), $"{what} {name}={Clip(bad)}");
                    if (bad.Contains("%00", StringComparison.Ordinal) && a.Text.Length == 0)
                    {
                        // Kestrel refuses a NUL in the path itself, before any middleware: a bare 400, nothing else.
                        Assert.True(a.Status == HttpStatusCode.BadRequest, $"{a.What} -> {(int)a.Status}");
                    }
                    else
                    {
                        // A route value is an id: an unknown one is 404, never a failure of the service.
                        AssertCleanRefusal(a, bad.Contains("%00", StringComparison.Ordinal) ? HttpStatusCode.BadRequest : null);
                    }
                    sent++;
                }
            }
            foreach (var (name, type) in route.Query)
            {
                foreach (var bad in BadQueryValues(type))
                {
                    var a = await SendAsync(http, Request(route.Method, $"{path}?{name}={bad}", route.Body is null ? null : bodyForQuery), $"{what}?{name}={Clip(bad)}");
                    AssertCleanRefusal(a, HttpStatusCode.BadRequest, "invalid_argument");
                    sent++;
                }
            }
            if (route.Body is not null)
            {
                foreach (var body in BadBodies)
                {
                    AssertCleanRefusal(await SendAsync(http, Request(route.Method, path, body), $"{what} body {Clip(body)}"), HttpStatusCode.BadRequest);
                    sent++;
                }
            }
        }
        // Not a route: still the API's error body.
        AssertCleanRefusal(await SendAsync(http, Request("GET", "/api/no-such-route"), "unknown route"), HttpStatusCode.NotFound, "not_found");
        return sent + 1;
    }

    [Fact]
    public async Task Every_ingest_route_refuses_web_pages_plain_text_missing_keys_and_bad_values_with_a_clean_error()
    {
        var cs = await FreshDatabaseAsync(db);
        await using var ingest = await IngestHost.StartAsync(cs, new Dictionary<string, string?> { ["INTERNAL_API_KEY"] = Key }, "Development");
        using var http = new HttpClient { BaseAddress = ingest.BaseAddress };
        var routes = Routes(ingest.Services);
        // The enumeration sees what it must: the verbs of the report and their arguments.
        foreach (var expected in new[] { "POST /api/bundles/load", "POST /api/bundles/active", "DELETE /api/bundles/{bundleId}", "POST /api/bundles/purge", "POST /api/bundles/jobs/{jobId}/cancel" })
        {
            Assert.Contains(expected, routes.Select(r => r.ToString()));
        }
        Assert.Contains(routes, r => r.Query.Any(q => q.Name == "timeout_seconds") && r.Body is not null);

        var sent = await SweepAsync(http, routes, """{"path":"/nonexistent-sweep"}""");
        Assert.True(sent > 100, $"{sent} requests");

        // Nothing of it reached the database.
        await using var conn = new Npgsql.NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT (SELECT count(*) FROM perf.bundles) + (SELECT count(*) FROM perf.ingest_runs)", conn);
        Assert.Equal(0L, (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Every_docs_route_refuses_web_pages_plain_text_missing_keys_and_bad_values_with_a_clean_error()
    {
        await using var app = await LoopbackApp.StartDocsServiceAsync(new Dictionary<string, string?> { ["INTERNAL_API_KEY"] = Key }, "Development");
        var http = app.Http;

        var routes = Routes(app.Services);
        foreach (var expected in new[] { "GET /api/search", "GET /api/docs/{id}", "GET /api/metrics/search", "GET /api/concepts", "GET /api/aliases/{name}" })
        {
            Assert.Contains(expected, routes.Select(r => r.ToString()));
        }
        Assert.Contains(routes, r => r.Query.Any(q => q.Name == "limit" && q.Type == typeof(int)));

        var sent = await SweepAsync(http, routes, "{}");
        Assert.True(sent > 50, $"{sent} requests");
        // The same service answers a good request after all that.
        using var ok = Request("GET", "/api/search?q=disk%20busy&limit=2");
        using var response = await http.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unexpected_failure_is_internal_error_with_a_trace_id_and_no_exception_text_in_development()
    {
        var logged = new List<string>();
        await using var app = await LoopbackApp.StartAsync(builder => builder.Logging.AddProvider(new ListLoggerProvider(logged)), a =>
        {
            a.UseInternalApiAccess("test");
            a.MapGet("/api/fails", string () => throw new InvalidOperationException("secret-detail of the failure"));
            a.MapPost("/api/fails-late", async (HttpRequest r) =>
            {
                await r.Body.CopyToAsync(Stream.Null);
                throw new FormatException("another secret-detail");
            });
        }, "Development");
        var http = app.Http;

        foreach (var (method, path, body) in new[] { ("GET", "/api/fails", (string?)null), ("POST", "/api/fails-late", "{}") })
        {
            var a = await SendAsync(http, Request(method, path, body, key: null), path);
            Assert.Equal((HttpStatusCode.InternalServerError, "internal_error"), (a.Status, a.Code));
            Assert.DoesNotContain("secret-detail", a.Text);
            AssertNoExceptionText(a.Text, path);
            Assert.Matches(@"\(trace [^ )]+\)", a.Text);
        }
        // The exception itself is in the log, for whoever runs the service.
        Assert.Contains(logged, l => l.Contains("secret-detail of the failure", StringComparison.Ordinal));
    }

    sealed class ListLoggerProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(lines);

        public void Dispose() { }

        sealed class ListLogger(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel)) return;
                lock (lines) lines.Add(formatter(state, exception) + " " + exception);
            }
        }
    }
}
