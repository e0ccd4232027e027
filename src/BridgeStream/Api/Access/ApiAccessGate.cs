using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace BridgeStream.Api.Access;

/// <summary>
/// Decides whether a request may run: a presented <c>X-Api-Key</c> must be one of <see cref="ApiOptions.Keys"/>;
/// no key is fine only when <see cref="ApiOptions.AllowAnonymous"/>. Each key has its own requests-per-minute
/// window (anonymous callers share one). Keys are compared in constant time. One per application.
/// </summary>
public sealed class ApiAccessGate : IDisposable
{
    public const string HeaderName = "X-Api-Key";

    private readonly bool allowAnonymous;
    private readonly IReadOnlyList<(byte[] Key, Caller Caller)> keys;
    private readonly Caller anonymous;

    public ApiAccessGate(IOptions<ApiOptions> options)
    {
        var settings = options.Value;
        allowAnonymous = settings.AllowAnonymous;
        anonymous = new Caller("anonymous", Limiter(settings.AnonymousRequestsPerMinute));
        keys = [.. settings.Keys
            .Where(key => !string.IsNullOrEmpty(key.Key))
            .Select(key => (Encoding.UTF8.GetBytes(key.Key), new Caller(key.Name, Limiter(key.RequestsPerMinute))))];
    }

    /// <summary>Who is calling, or why not; does not count against a rate limit.</summary>
    public AccessDecision Identify(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return allowAnonymous
                ? AccessDecision.Allow(anonymous)
                : AccessDecision.Deny(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", $"This API needs an API key in the {HeaderName} header.");
        }

        var presented = Encoding.UTF8.GetBytes(presentedKey);
        foreach (var (key, caller) in keys)
        {
            if (CryptographicOperations.FixedTimeEquals(key, presented))
            {
                return AccessDecision.Allow(caller);
            }
        }

        return AccessDecision.Deny(StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", $"The {HeaderName} header does not hold a known API key.");
    }

    /// <summary><see cref="Identify"/> and then one request against the caller's rate limit.</summary>
    public AccessDecision Admit(string? presentedKey)
    {
        var decision = Identify(presentedKey);
        return decision.Caller is { } caller ? Admit(caller) : decision;
    }

    public static AccessDecision Admit(Caller caller)
    {
        if (caller.Limiter is null)
        {
            return AccessDecision.Allow(caller);
        }

        using var lease = caller.Limiter.AttemptAcquire();
        return lease.IsAcquired
            ? AccessDecision.Allow(caller)
            : AccessDecision.Deny(StatusCodes.Status429TooManyRequests, "RATE_LIMITED",
                $"Rate limit of {caller.Name} exceeded ({caller.Limiter.PermitsPerMinute} requests a minute); retry later.");
    }

    public void Dispose()
    {
        anonymous.Limiter?.Dispose();
        foreach (var (_, caller) in keys)
        {
            caller.Limiter?.Dispose();
        }
    }

    private static MinuteLimiter? Limiter(int requestsPerMinute) =>
        requestsPerMinute > 0 ? new MinuteLimiter(requestsPerMinute) : null;
}

/// <summary>A known caller: a key's holder, or "anonymous".</summary>
public sealed record Caller(string Name, MinuteLimiter? Limiter);

/// <summary>A fixed one-minute window of <see cref="PermitsPerMinute"/> requests.</summary>
public sealed class MinuteLimiter(int permitsPerMinute) : IDisposable
{
    private readonly FixedWindowRateLimiter limiter = new(new FixedWindowRateLimiterOptions
    {
        PermitLimit = permitsPerMinute,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    });

    public int PermitsPerMinute => permitsPerMinute;

    public RateLimitLease AttemptAcquire() => limiter.AttemptAcquire();

    public void Dispose() => limiter.Dispose();
}

/// <summary>Allowed (with the caller) or denied (with the HTTP status, GraphQL error code and message).</summary>
public sealed record AccessDecision(Caller? Caller, int StatusCode, string? Code, string? Message)
{
    public bool Allowed => Caller is not null && Code is null;

    public static AccessDecision Allow(Caller caller) => new(caller, StatusCodes.Status200OK, null, null);

    public static AccessDecision Deny(int statusCode, string code, string message) => new(null, statusCode, code, message);
}
