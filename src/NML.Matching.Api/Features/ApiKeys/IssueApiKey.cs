using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.ApiKeys;

public static class IssueApiKey
{
    /// <summary>An optional label (for example "koppeling CRM") and expiry.</summary>
    public sealed record Body(string? Label, DateTimeOffset? ExpiresAt);

    public sealed record Command(Guid OrganisationId, string? Label, DateTimeOffset? ExpiresAt) : ICommand<Result<IssuedApiKeyDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Label).MaximumLength(100);
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<IssuedApiKeyDto>>
    {
        public async ValueTask<Result<IssuedApiKeyDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var organisation = await db.Organisations.Include(o => o.ApiKeys).FirstOrDefaultAsync(o => o.Id == command.OrganisationId, cancellationToken);
            if (organisation is null) return Error.NotFound("Organisation");
            var now = clock.GetUtcNow();
            if (command.ExpiresAt is { } expiry && expiry <= now) return Error.Invalid("expiresAt", "expiry-in-past", "The expiry must lie in the future.");
            if (!organisation.Active) return Error.Conflict("organisation-inactive", "An inactive organisation gets no new keys.");

            var (key, plain) = organisation.IssueApiKey(Guid.CreateVersion7(now), command.Label, command.ExpiresAt, now);
            db.Record(now, caller.Caller.AsActor(), "api-key.issued", "api-key", key.Id.ToString(), null, ApiKeyDto.From(key, now));
            await db.SaveChangesAsync(cancellationToken);
            return new IssuedApiKeyDto(key.Id, organisation.Id, key.Label, key.Prefix, plain, key.CreatedAt, key.ExpiresAt);
        }
    }

    public static RouteHandlerBuilder MapIssueApiKey(this IEndpointRouteBuilder group) =>
        group.MapPost("/{id:guid}/api-keys", async (Guid id, Body? body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, body?.Label, body?.ExpiresAt), cancellationToken))
                    .ToHttp(issued =>
                    {
                        // The key is shown once: no cache and no idempotency record may keep it.
                        http.Response.Headers.CacheControl = "no-store";
                        return TypedResults.Created($"/api/v1/organisations/{id}/api-keys", issued);
                    }))
            .WithName("IssueApiKey")
            .WithSummary("Issue a new API key for an organisation (admin). The key is returned once.")
            .WithDescription("Keys are stored only as a SHA-256 hash. An organisation may hold several active keys, so that a key can be rotated without downtime.")
            .RequireAuthorization(Policies.AdminOnly)
            .Produces<IssuedApiKeyDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
