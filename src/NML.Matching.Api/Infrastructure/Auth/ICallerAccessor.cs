namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>Scoped access to the current <see cref="Caller"/> for handlers.</summary>
public interface ICallerAccessor
{
    Caller Caller { get; }
}
