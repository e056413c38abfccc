using NML.Matching.Domain.Matches;

namespace NML.Matching.Api.Features.Matches;

public static class ListDeclineReasons
{
    public static RouteHandlerBuilder MapListDeclineReasons(this IEndpointRouteBuilder group) =>
        group.MapGet("/decline-reasons", () => TypedResults.Ok(DeclineReasons.All))
            .WithName("ListDeclineReasons")
            .WithSummary("The fixed list of decline reasons: code, party, side and default parking period.")
            .WithDescription("Each reason belongs to one party (Verhuurder, Kandidaat, Zorgaanbieder, Matchingspunt) and is client-side or provider-side.")
            .Produces<IReadOnlyList<DeclineReason>>();
}
