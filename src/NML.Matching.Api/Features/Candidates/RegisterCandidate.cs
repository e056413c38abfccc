using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Features.Audit;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Registers;

namespace NML.Matching.Api.Features.Candidates;

public static class RegisterCandidate
{
    public sealed record Command(CandidateRequest Body) : ICommand<Result<CandidateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new CandidateRequest.Validator()).OverridePropertyName(string.Empty);
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public async ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken)
        {
            var provider = caller.Caller.OrganisationId!.Value;
            var region = await db.CheckGemeentenAsync(command.Body, cancellationToken);
            if (!region.IsSuccess) return region.Error!;
            var reference = command.Body.ExternalReference!.Trim();
            if (await db.Candidates.AnyAsync(c => c.ProviderOrganisationId == provider && c.ExternalReference == reference, cancellationToken))
                return Error.Conflict("duplicate-external-reference", $"You registered a candidate with externalReference '{reference}' already.");

            var now = clock.GetUtcNow();
            var candidate = Candidate.Register(Guid.CreateVersion7(now), provider, region.Value!, command.Body.ToProfile(), now);
            db.Candidates.Add(candidate);
            var today = RegionalDate.Today(clock);
            db.Record(now, caller.Caller.AsActor(), "candidate.registered", "candidate", candidate.Id.ToString(), null, CandidateDto.From(candidate, today));
            await db.SaveChangesAsync(cancellationToken);
            return CandidateDto.From(candidate, today);
        }
    }

    public static RouteHandlerBuilder MapRegisterCandidate(this IEndpointRouteBuilder group) =>
        group.MapPost("/", async (CandidateRequest body, IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(body), cancellationToken))
                    .ToHttp(created => http.CreatedWithETag($"/api/v1/candidates/{created.Id}", created, created.Version)))
            .WithName("RegisterCandidate")
            .WithSummary("Register a client who is (nearly) ready to move (care provider).")
            .WithDescription("The care provider of the API key becomes the owner. No names, BSNs or birth dates: externalReference is the provider's own pseudonymous number, unique per provider. Send an Idempotency-Key header to make retries safe.")
            .RequireAuthorization(Policies.CandidateRegistrars)
            .Produces<CandidateDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesForbidden()
            .AcceptsIdempotencyKey();
}
