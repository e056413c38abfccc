using System.Collections.Concurrent;
using System.Reflection;

namespace NML.Matching.Api.Infrastructure.Http;

/// <summary>
/// An enum in the query string takes the names the contract lists (<c>status=Ready</c>), as an enum in a body does.
/// ASP.NET would also bind a number (<c>status=1</c>) to whatever member has that value; such a value is refused with
/// the same 400 <c>invalid-parameter</c> as any value that cannot be bound, naming the parameter.
/// </summary>
public sealed class EnumQueryMiddleware(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<MethodInfo, string[]> EnumParameters = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } method)
        {
            foreach (var name in EnumParameters.GetOrAdd(method, Find))
            {
                if (!context.Request.Query.TryGetValue(name, out var values)) continue;
                foreach (var value in values)
                {
                    var text = value?.Trim();
                    if (text is { Length: > 0 } && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+'))
                    {
                        // The message of ASP.NET's own binding failure, which the exception handler turns into the problem.
                        throw new BadHttpRequestException($"Failed to bind parameter \"Enum {name}\" from \"{value}\".");
                    }
                }
            }
        }
        return next(context);
    }

    private static string[] Find(MethodInfo method) =>
        [.. method.GetParameters()
            .Where(p => p.Name is not null && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).IsEnum)
            .Select(p => p.Name!)];
}
