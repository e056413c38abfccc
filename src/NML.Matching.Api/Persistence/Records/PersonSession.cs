using System.Linq.Expressions;

namespace NML.Matching.Api.Persistence.Records;

/// <summary>
/// One signed-in browser of a person: begun at a sign-in, seen at each of the session's minutely checks, ended by
/// signing out (here, from another of the person's sessions, or everywhere). Its id travels in the session's cookie
/// as the <see cref="Claim"/> claim; a session whose row is ended (or gone) fails its next check and is signed out
/// (docs/security.md, "Sessions"). It holds no address and no full User-Agent: only what the person needs to recognise
/// it on their account page (<see cref="Device"/>, how it signed in, when).
/// </summary>
public sealed class PersonSession
{
    /// <summary>The claim that carries the session's id in the cookie (OpenID Connect's name for a session id).</summary>
    public const string Claim = "sid";

    public const int DeviceMaxLength = 64;
    public const int MethodMaxLength = 32;

    private PersonSession()
    {
    }

    public Guid Id { get; private set; }
    public Guid PersonId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>How the session signed in: <c>password</c>, <c>mfa</c> (a second factor or a passkey) or <c>sso:&lt;provider&gt;</c>.</summary>
    public string Method { get; private set; } = "";

    /// <summary>The browser and system, as <see cref="Infrastructure.Auth.DeviceName.From"/> names them (such as "Chrome op Windows").</summary>
    public string Device { get; private set; } = "";

    public static PersonSession Start(Guid personId, string method, string device, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        PersonId = personId,
        Method = method.Length > MethodMaxLength ? method[..MethodMaxLength] : method,
        Device = device.Length > DeviceMaxLength ? device[..DeviceMaxLength] : device,
        StartedAt = now,
        LastSeenAt = now,
    };

    /// <summary>Open: not ended, and younger than the absolute lifetime of a session (after which its cookie is refused anyway).</summary>
    public bool IsOpenAt(DateTimeOffset now, TimeSpan absoluteLifetime) => EndedAt is null && StartedAt > now - absoluteLifetime;

    /// <summary><see cref="IsOpenAt"/> for a query: the same rule, next to it, so that the two cannot drift apart.</summary>
    public static Expression<Func<PersonSession, bool>> OpenAt(DateTimeOffset now, TimeSpan absoluteLifetime)
    {
        var since = now - absoluteLifetime;
        return s => s.EndedAt == null && s.StartedAt > since;
    }

    /// <summary>The negation of <see cref="OpenAt"/>: sessions that are over (ended, or older than the absolute lifetime).</summary>
    public static Expression<Func<PersonSession, bool>> OverAt(DateTimeOffset now, TimeSpan absoluteLifetime)
    {
        var since = now - absoluteLifetime;
        return s => s.EndedAt != null || s.StartedAt <= since;
    }

    public void Seen(DateTimeOffset now)
    {
        if (now > LastSeenAt) LastSeenAt = now;
    }

    public void End(DateTimeOffset now) => EndedAt ??= now;
}
