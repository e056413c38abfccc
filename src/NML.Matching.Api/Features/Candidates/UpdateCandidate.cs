using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NML.Matching.Api.Infrastructure.Auth;
using NML.Matching.Api.Infrastructure.Errors;
using NML.Matching.Api.Infrastructure.Http;
using NML.Matching.Api.Infrastructure.OpenApi;
using NML.Matching.Api.Persistence;

namespace NML.Matching.Api.Features.Candidates;

public static class UpdateCandidate
{
    public sealed record Command(Guid Id, string? IfMatch, CandidateRequest Body) : ICommand<Result<CandidateDto>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Body).SetValidator(new CandidateRequest.Validator()).OverridePropertyName(string.Empty);
    }

    public sealed class Handler(MatchingDbContext db, ICallerAccessor caller, TimeProvider clock) : ICommandHandler<Command, Result<CandidateDto>>
    {
        public ValueTask<Result<CandidateDto>> Handle(Command command, CancellationToken cancellationToken) =>
            new(db.ChangeCandidateAsync(caller.Caller, clock, command.Id, command.IfMatch, ifMatchRequired: true, "candidate.updated", async (candidate, _, now) =>
            {
                var region = await db.CheckGemeentenAsync(command.Body, cancellationToken);
                if (!region.IsSuccess) return region.Error;
                var reference = command.Body.ExternalReference!.Trim();
                if (reference != candidate.ExternalReference && await db.Candidates.AnyAsync(c => c.ProviderOrganisationId == candidate.ProviderOrganisationId && c.ExternalReference == reference, cancellationToken))
                    return Error.Conflict("duplicate-external-reference", $"The provider has a candidate with externalReference '{reference}' already.");
                candidate.Change(region.Value!, command.Body.ToProfile(), now);
                return null;
            }, cancellationToken));
    }

    public static RouteHandlerBuilder MapUpdateCandidate(this IEndpointRouteBuilder group) =>
        group.MapPut("/{id:guid}", async (Guid id, CandidateRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                IMediator mediator, HttpContext http, CancellationToken cancellationToken) =>
                (await mediator.Send(new Command(id, ifMatch, body), cancellationToken)).ToHttp(c => http.OkWithETag(c, c.Version)))
            .WithName("UpdateCandidate")
            .WithSummary("Replace a candidate's facts (its provider, or Admin). Requires If-Match.")
            .WithDescription("Send the ETag from GET in If-Match: 428 without it, 412 when someone changed the candidate in between. A withdrawn candidate cannot be changed (409).")
            .RequireAuthorization(Policies.CandidateWriters)
            .Produces<CandidateDto>()
            .ProducesValidationProblem()
            .ProducesForbidden()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
