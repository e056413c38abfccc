using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Features.Organisations;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.ApiKeys;

public static class RotateApiKey
{
    public const int DefaultOverlapHours = 168;
    public const int MaxOverlapHours = 720;

    /// <summary>How long the old key keeps working beside the new one (default 168 hours: a week), and an optional label.</summary>
    public sealed record Body(int? OverlapHours, string? Label);

    /// <summary>The new key (shown once) and when the old one stops.</summary>
    public sealed record RotatedApiKeyDto(IssuedApiKeyDto NewKey, Guid OldKeyId, DateTimeOffset OldKeyExpiresAt);

    public sealed record Command(Guid OrganisationId, Guid KeyId, int? OverlapHours, string? Label) : ICommand<Result<RotatedApiKeyDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.OverlapHours).InclusiveBetween(0, MaxOverlapHours).OverridePropertyName("overlapHours");
            RuleFor(c => c.Label).MaximumLength(100).OverridePropertyName("label");
        }
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<RotatedApiKeyDto>>
    {
        public async ValueTask<Result<RotatedApiKeyDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            // An organisation rotates its own keys; Admin any. Another organisation's keys answer 404.
            if (!OrganisationAccess.MayManage(caller.Caller, command.OrganisationId)) return Error.NotFound("API key");
            var organisation = await db.Organisations.Include(o => o.ApiKeys).FirstOrDefaultAsync(o => o.Id == command.OrganisationId, cancellationToken);
            var old = organisation?.ApiKeys.FirstOrDefault(k => k.Id == command.KeyId);
            if (organisation is null || old is null) return Error.NotFound("API key");
            var now = clock.GetUtcNow();
            if (!old.IsUsableAt(now)) return Error.Conflict("key-not-active", "Only a key that still works can be rotated; issue a new key instead.");
            if (!organisation.Active) return Error.Conflict("organisation-inactive", "An inactive organisation gets no new keys.");

            var before = ApiKeyDto.From(old, now);
            var (key, plain) = organisation.IssueApiKey(Guid.CreateVersion7(now), command.Label ?? old.Label, null, now);
            old.ExpireBy(now.AddHours(command.OverlapHours ?? DefaultOverlapHours));
            db.Record(now, caller.Caller.AsActor(), "api-key.rotated", "api-key", old.Id.ToString(), before, ApiKeyDto.From(old, now));
            db.Record(now, caller.Caller.AsActor(), "api-key.issued", "api-key", key.Id.ToString(), null, ApiKeyDto.From(key, now));
            await db.SaveChangesAsync(cancellationToken);
            return new RotatedApiKeyDto(new IssuedApiKeyDto(key.Id, organisation.Id, key.Label, key.Prefix, plain, key.CreatedAt, key.ExpiresAt), old.Id, old.ExpiresAt!.Value);
        }
    }

    public static RouteHandlerBuilder MapRotateApiKey(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/api-keys/{keyId:guid}/rotate", async (Guid id, Guid keyId, Body? body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, keyId, body?.OverlapHours, body?.Label), cancellationToken)).ToHttp(rotated =>
                {
                    // The new key is shown once: no cache and no idempotency record may keep it.
                    http.Response.Headers.CacheControl = "no-store";
                    return TypedResults.Created($"/api/v1/organisations/{id}/api-keys", rotated);
                }))
            .WithName("RotateApiKey")
            .WithSummary("Rotate a key: issue a new one and let the old one expire after an overlap (the organisation itself, or Admin).")
            .WithDescription("Both keys work during the overlap (overlapHours, 0-720, default 168), so integrations can switch without downtime. An earlier expiry of the old key stays. Audited as api-key.rotated and api-key.issued. Calls with a key that expires within 14 days carry the header X-Api-Key-Expires.")
            .Produces<RotatedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
