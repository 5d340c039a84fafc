using Microsoft.AspNetCore.Http;
using PerfAspire.Mcp.Security;
using PerfAspire.ServiceDefaults.Security;

namespace PerfAspire.Tests.Foundation;

public sealed class HttpAccessPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5100")]
    [InlineData("http://localhost:5100")]
    [InlineData("http://[::1]:5100")]
    [InlineData("https://app.dev.localhost:7000/")]
    public void Loopback_binding_needs_no_key(string url)
    {
        var p = HttpAccessPolicy.FromUrls([url], apiKey: null);
        Assert.True(p.LoopbackOnly);
        Assert.Null(p.ApiKey);
    }

    [Theory]
    [InlineData("http://0.0.0.0:5100")]
    [InlineData("http://*:5100")]
    [InlineData("http://+:80")]
    [InlineData("http://[::]:5100")]
    [InlineData("http://10.1.2.3:5100")]
    public void Non_loopback_binding_without_a_key_refuses_to_start(string url)
    {
        var e = Assert.Throws<McpConfigurationException>(() => HttpAccessPolicy.FromUrls(["http://127.0.0.1:1", url], apiKey: " "));
        Assert.Contains(url, e.Message);
        Assert.Contains("MCP_API_KEY", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void Non_loopback_binding_with_a_key_is_allowed_and_drops_host_checks()
    {
        var p = HttpAccessPolicy.FromUrls(["http://0.0.0.0:5100"], apiKey: "k");
        Assert.False(p.LoopbackOnly);
        Assert.Equal("k", p.ApiKey);
    }

    static HttpRequest Request(string host, string? origin = null, string? auth = null)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Host = new HostString(host);
        if (origin is not null) ctx.Request.Headers.Origin = origin;
        if (auth is not null) ctx.Request.Headers.Authorization = auth;
        return ctx.Request;
    }

    [Theory]
    [InlineData("localhost:5100", null)]
    [InlineData("127.0.0.1:5100", "http://localhost:6274")]
    [InlineData("[::1]:5100", "http://127.0.0.1")]
    public void Loopback_host_and_origin_pass(string host, string? origin)
    {
        var p = HttpAccessPolicy.FromUrls(["http://127.0.0.1:5100"], null);
        Assert.Null(HttpAccessMiddleware.Reject(p, Request(host, origin)));
    }

    [Theory]
    [InlineData("attacker.example:5100", null)]
    [InlineData("localhost:5100", "http://attacker.example")]
    [InlineData("localhost:5100", "null")]
    public void Rebinding_host_or_foreign_origin_is_forbidden(string host, string? origin)
    {
        var p = HttpAccessPolicy.FromUrls(["http://127.0.0.1:5100"], null);
        var r = HttpAccessMiddleware.Reject(p, Request(host, origin));
        Assert.Equal(StatusCodes.Status403Forbidden, r?.Status);
    }

    [Theory]
    [InlineData(null, StatusCodes.Status401Unauthorized)]
    [InlineData("Bearer wrong", StatusCodes.Status401Unauthorized)]
    [InlineData("Basic s3cret", StatusCodes.Status401Unauthorized)]
    [InlineData("Bearer s3cret", null)]
    public void Api_key_is_checked_as_a_bearer_token(string? auth, int? expected)
    {
        var p = HttpAccessPolicy.FromUrls(["http://0.0.0.0:5100"], "s3cret");
        Assert.Equal(expected, HttpAccessMiddleware.Reject(p, Request("server.lan:5100", auth: auth))?.Status);
    }

    [Theory]
    [InlineData("localhost.", false)]
    [InlineData("LOCALHOST.", false)]
    [InlineData("127.0.0.1.", false)]
    [InlineData("app.localhost.", false)]
    [InlineData("localhost", true)]
    [InlineData("[::1]", true)]
    public void A_trailing_dot_is_not_loopback(string host, bool loopback) => Assert.Equal(loopback, LoopbackHosts.IsLoopbackHost(host));

    [Fact]
    public void Binding_localhost_with_a_trailing_dot_counts_as_exposed()
    {
        var e = Assert.Throws<McpConfigurationException>(() => HttpAccessPolicy.FromUrls(["http://localhost.:5100"], apiKey: null));
        Assert.Contains("localhost.", e.Message);
        Assert.Throws<AccessConfigurationException>(() => InternalApiAccess.FromUrls("ingest", ["http://localhost.:5101"], null));
    }

    [Fact]
    public void Exposed_mcp_server_requires_bundle_roots()
    {
        var e = Assert.Throws<McpConfigurationException>(() => HttpAccessPolicy.FromUrls(["http://0.0.0.0:5100"], "k", bundleRoots: " "));
        Assert.Contains("BUNDLE_ROOTS", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(HttpAccessPolicy.FromUrls(["http://0.0.0.0:5100"], "k", bundleRoots: "/srv/bundles").LoopbackOnly);
        Assert.True(HttpAccessPolicy.FromUrls(["http://127.0.0.1:5100"], null, bundleRoots: "").LoopbackOnly);
    }

    [Theory]
    [InlineData("s3cret", "s3cret", true)]
    [InlineData("s3cret", "s3cre", false)]
    [InlineData("s3cret", "s3cret-and-more", false)]
    [InlineData("s3cret", "", false)]
    [InlineData("s3cret", null, false)]
    public void Keys_compare_by_digest(string expected, string? given, bool match) => Assert.Equal(match, ApiKeys.Matches(given, expected));

    [Fact]
    public void Internal_api_on_an_exposed_address_needs_a_key()
    {
        var e = Assert.Throws<AccessConfigurationException>(() => InternalApiAccess.FromUrls("docs", ["http://0.0.0.0:5102"], " "));
        Assert.Contains("INTERNAL_API_KEY", e.Message);
        Assert.Contains("docs", e.Message);
        Assert.False(InternalApiAccess.FromUrls("docs", ["http://0.0.0.0:5102"], "k").LoopbackOnly);
        Assert.True(InternalApiAccess.FromUrls("docs", ["http://127.0.0.1:5102"], null).LoopbackOnly);
    }
}
