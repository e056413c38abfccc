namespace NML.Matching.Api.Infrastructure.Auth;

internal sealed class HttpCallerAccessor(IHttpContextAccessor accessor) : ICallerAccessor
{
    private Caller? _caller;

    public Caller Caller => _caller ??= Caller.From(accessor.HttpContext?.User ?? throw new InvalidOperationException("No HTTP request in scope."));
}
