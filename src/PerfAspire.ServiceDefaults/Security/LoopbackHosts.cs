using System.Net;

namespace PerfAspire.ServiceDefaults.Security;

/// <summary>Which host names and listen URLs stay on this machine.</summary>
public static class LoopbackHosts
{
    /// <summary>
    /// localhost, *.localhost (RFC 6761), 127.0.0.0/8 and ::1. A trailing dot is not dropped: Kestrel treats
    /// <c>localhost.</c> as an ordinary name and binds every interface for it, so it must not count as loopback.
    /// </summary>
    public static bool IsLoopbackHost(string host)
    {
        host = host.Trim();
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.EndsWith('.')) return false;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// Host part of a Kestrel listen URL. Kestrel accepts wildcards (<c>http://*:80</c>, <c>http://+:80</c>) that
    /// <see cref="Uri"/> rejects, so this parses by hand.
    /// </summary>
    public static string HostOfListenUrl(string url)
    {
        var rest = url.Trim();
        var scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) rest = rest[(scheme + 3)..];
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']');
            return close > 0 ? rest[..(close + 1)] : rest;
        }
        var colon = rest.LastIndexOf(':');
        return colon >= 0 ? rest[..colon] : rest;
    }

    /// <summary>Host part of an HTTP Host header value (<c>name:port</c> or <c>[v6]:port</c>).</summary>
    public static string HostOfHeader(string hostHeader) => HostOfListenUrl(hostHeader);

    /// <summary>True when every listen URL stays on this machine (an empty list is Kestrel's default, localhost:5000).</summary>
    public static bool AllLoopback(IEnumerable<string> listenUrls) => listenUrls.All(u => IsLoopbackHost(HostOfListenUrl(u)));
}
