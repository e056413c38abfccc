using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Infrastructure.Idempotency;

public sealed class IdempotencyOptions
{
    /// <summary>How long a key is remembered (<c>Idempotency:RetentionHours</c>, at least 24).</summary>
    public int RetentionHours { get; set; } = 48;

    /// <summary>A first request that has not finished after this long is treated as abandoned.</summary>
    public int PendingTimeoutSeconds { get; set; } = 60;
}

/// <summary>
/// Makes POSTs with an <c>Idempotency-Key</c> header safe to retry. Per organisation, the same key with the same
/// method, path and body replays the first successful response (same status, body, Location and ETag, plus
/// <c>Idempotent-Replayed: true</c>); the same key with anything else gives 409 <c>idempotency-key-reused</c>.
/// A key whose first request is still running gives 409 <c>idempotency-request-in-progress</c>. Only 2xx responses are
/// remembered, so a request that failed can be retried with the same key; responses marked <c>Cache-Control: no-store</c>
/// (an issued API key) are never stored.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IOptions<IdempotencyOptions> options, TimeProvider clock, IProblemDetailsService problemDetails)
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxKeyLength = 255;
    private const int MaxRememberedBody = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context, MatchingDbContext db)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Headers.TryGetValue(HeaderName, out var values)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength || key.Any(char.IsControl))
        {
            // Like every 400 on bad input, the problem names what was wrong: here the header.
            var detail = $"{HeaderName} must be 1-{MaxKeyLength} printable characters.";
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problemDetails.WriteProblemAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = ProblemTypes.Validation(new Dictionary<string, string[]> { [HeaderName] = [detail] }, "invalid-idempotency-key", detail),
            });
            return;
        }

        var caller = Caller.From(context.User);
        var scope = caller.OrganisationId?.ToString() ?? caller.Role;
        var hash = await HashRequestAsync(context.Request);
        var now = clock.GetUtcNow();
        var settings = options.Value;

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Scope == scope && r.Key == key, context.RequestAborted);
            if (existing is not null)
            {
                var expired = existing.CreatedAt < now.AddHours(-Math.Max(24, settings.RetentionHours));
                var abandoned = !existing.Completed && existing.CreatedAt < now.AddSeconds(-settings.PendingTimeoutSeconds);
                if (expired || abandoned)
                {
                    await Delete(db, scope, key, context.RequestAborted);
                    continue;
                }
                if (!CryptographicOperations.FixedTimeEquals(existing.RequestHash, hash))
                {
                    await WriteProblem(context, 409, "idempotency-key-reused", $"This {HeaderName} was used for a different request. Use a new key for a new request.");
                    return;
                }
                if (!existing.Completed)
                {
                    context.Response.Headers.RetryAfter = "1";
                    await WriteProblem(context, 409, "idempotency-request-in-progress", $"The first request with this {HeaderName} is still running. Retry in a moment.");
                    return;
                }
                await Replay(context, existing);
                return;
            }

            var claimed = await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO idempotency_records (scope, key, request_hash, created_at, completed) VALUES ({scope}, {key}, {hash}, {now}, false) ON CONFLICT DO NOTHING",
                context.RequestAborted);
            if (claimed == 1)
            {
                await ExecuteAndRemember(context, db, scope, key);
                return;
            }
        }
        context.Response.Headers.RetryAfter = "1";
        await WriteProblem(context, 409, "idempotency-request-in-progress", $"The first request with this {HeaderName} is still running. Retry in a moment.");
    }

    private async Task ExecuteAndRemember(HttpContext context, MatchingDbContext db, string scope, string key)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var remembered = false;
        try
        {
            await next(context);
            var status = context.Response.StatusCode;
            // Responses marked no-store (such as a freshly issued API key) are never written to the database.
            var noStore = context.Response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);
            if (status is >= 200 and < 300 && buffer.Length <= MaxRememberedBody && !noStore)
            {
                var body = buffer.ToArray();
                var contentType = context.Response.ContentType;
                var location = context.Response.Headers.Location.ToString();
                var etag = context.Response.Headers.ETag.ToString();
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.Completed, true)
                    .SetProperty(r => r.StatusCode, status)
                    .SetProperty(r => r.ContentType, contentType)
                    .SetProperty(r => r.Body, body)
                    .SetProperty(r => r.Location, location.Length == 0 ? null : location)
                    .SetProperty(r => r.ETag, etag.Length == 0 ? null : etag), CancellationToken.None);
                remembered = true;
            }
        }
        finally
        {
            // The real body first: when the database is away the delete throws, and the exception handler must
            // then be able to write its 503 (into the buffer, disposed by then, it failed and the client got a 500).
            context.Response.Body = original;
            if (!remembered) await Delete(db, scope, key, CancellationToken.None);
            if (buffer.Length > 0 && !context.RequestAborted.IsCancellationRequested)
            {
                buffer.Position = 0;
                await buffer.CopyToAsync(original, CancellationToken.None);
            }
        }
    }

    private static async Task Replay(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.StatusCode ?? StatusCodes.Status200OK;
        if (record.ContentType is not null) context.Response.ContentType = record.ContentType;
        if (record.Location is not null) context.Response.Headers.Location = record.Location;
        if (record.ETag is not null) context.Response.Headers.ETag = record.ETag;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (record.Body is { Length: > 0 } body) await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static Task Delete(MatchingDbContext db, string scope, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteDeleteAsync(cancellationToken);

    /// <summary>SHA-256 over method, path, query and body: "the same request".</summary>
    private static async Task<byte[]> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        request.Body.Position = 0;
        return sha.GetHashAndReset();
    }

    private Task WriteProblem(HttpContext context, int status, string code, string detail)
    {
        context.Response.StatusCode = status;
        return problemDetails.WriteProblemAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = ProblemTypes.Create(status, code, detail) }).AsTask();
    }
}

/// <summary>Forgets idempotency keys after their retention, once an hour.</summary>
public sealed class IdempotencyCleanupService(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock, ILogger<IdempotencyCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
                var threshold = clock.GetUtcNow().AddHours(-Math.Max(24, options.Value.RetentionHours));
                var removed = await db.IdempotencyRecords.Where(r => r.CreatedAt < threshold).ExecuteDeleteAsync(stoppingToken);
                if (removed > 0) logger.LogInformation("Forgot {Count} idempotency keys older than {Threshold}", removed, threshold);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cleaning up idempotency keys failed; trying again in an hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
