using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.ApiKeys;

public static class RevokeApiKey
{
    public sealed record Command(Guid OrganisationId, Guid KeyId) : ICommand<Result<Success>>;

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<Success>>
    {
        public async ValueTask<Result<Success>> Handle(Command command, CancellationToken cancellationToken)
        {
            var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == command.KeyId && k.OrganisationId == command.OrganisationId, cancellationToken);
            if (key is null) return Error.NotFound("API key");
            if (key.RevokedAt is not null) return new Success(); // Revoking twice changes nothing.

            var now = clock.GetUtcNow();
            var before = ApiKeyDto.From(key, now);
            key.Revoke(now);
            db.Record(now, caller.Caller.AsActor(), "api-key.revoked", "api-key", key.Id.ToString(), before, ApiKeyDto.From(key, now));
            await db.SaveChangesAsync(cancellationToken);
            return new Success();
        }
    }

    public static RouteHandlerBuilder MapRevokeApiKey(this IEndpointRouteBuilder group) =>
        group.MapDelete("/{id:guid}/api-keys/{keyId:guid}", async (Guid id, Guid keyId, IMediator mediator, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, keyId), cancellationToken)).ToHttp(_ => TypedResults.NoContent()))
            .WithName("RevokeApiKey")
            .WithSummary("Revoke a key (admin). It stops working at once; revoking again changes nothing.")
            .WithDescription("The revocation is audited. Use a second key during a change-over, then revoke the old one.")
            .RequireAuthorization(Policies.AdminOnly)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound);
}
