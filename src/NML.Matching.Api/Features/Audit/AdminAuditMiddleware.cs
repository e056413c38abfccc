using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Audit;

/// <summary>
/// Every use of the admin key is audited: one <c>admin.request</c> line per request with the method, path, query and
/// status, written after the response in its own unit of work (so a failed request is audited too, and the
/// request's own changes are not mixed into it). The admin key can do anything; this is what makes that visible.
/// </summary>
public sealed class AdminAuditMiddleware(RequestDelegate next, IServiceScopeFactory scopes, TimeProvider clock, ILogger<AdminAuditMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.IsInRole(Roles.Admin))
        {
            await next(context);
            return;
        }
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            await RecordAsync(context, failed);
        }
    }

    private async Task RecordAsync(HttpContext context, bool failed)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
            var request = context.Request;
            var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            db.Record(clock.GetUtcNow(), Caller.From(context.User).AsActor(), "admin.request", "request", traceId, null, new
            {
                method = request.Method,
                path = request.Path.Value,
                query = request.QueryString.HasValue ? request.QueryString.Value : null,
                status = failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            });
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The request itself is answered already; a lost audit line is logged loudly rather than hidden.
            logger.LogError(exception, "Could not audit an admin request to {Path}", context.Request.Path);
        }
    }
}
