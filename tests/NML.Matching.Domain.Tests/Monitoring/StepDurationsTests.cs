using NML.Matching.Domain.Matches;
using NML.Matching.Domain.Monitoring;

namespace NML.Matching.Domain.Tests.Monitoring;

/// <summary>
/// The summary's stepDays as docs/monitoring.md defines them: for each step completed in the period
/// (ProposedToNominated, NominatedToAccepted, AcceptedToContracted), how many, and the median days between entering
/// the earlier and the later state. Times are at noon UTC, well inside their Dutch calendar day.
/// </summary>
public sealed class StepDurationsTests
{
    private static readonly Period March = new(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid B = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002");
    private static readonly Guid C = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000003");

    private static DateTimeOffset At(int month, int day, int hour = 12) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private static StepDays Step(IReadOnlyList<StepDays> steps, string name) => Assert.Single(steps, s => s.Step.Name == name);

    [Fact]
    public void TheStepsAreThoseOfTheDocumentInOrder()
    {
        Assert.NotEmpty(StepDurations.Steps);
        Assert.Equal(
            [("ProposedToNominated", MatchStatus.Proposed, MatchStatus.Nominated), ("NominatedToAccepted", MatchStatus.Nominated, MatchStatus.Accepted),
                ("AcceptedToContracted", MatchStatus.Accepted, MatchStatus.Contracted)],
            StepDurations.Steps.Select(s => (s.Name, s.From, s.To)));
    }

    [Fact]
    public void AStepIsTimedFromTheLatestEarlierEntryNotTheFirst()
    {
        // Proposed on 1 March, proposed again on 5 March at noon, nominated on 8 March at midnight UTC: 2.5 days, not 6.5.
        MatchMove[] history = [new(A, MatchStatus.Proposed, At(3, 1)), new(A, MatchStatus.Proposed, At(3, 5)), new(A, MatchStatus.Nominated, At(3, 8, 0))];

        var step = Step(StepDurations.In(history, March), "ProposedToNominated");

        Assert.Equal([2.5], step.Days);
    }

    [Fact]
    public void AnEntryAfterTheStepIsNotWhereItStarted()
    {
        // Proposed on 2 March, nominated on 4 March, proposed again on 6 March: the step took 2 days.
        MatchMove[] history = [new(A, MatchStatus.Proposed, At(3, 2)), new(A, MatchStatus.Nominated, At(3, 4)), new(A, MatchStatus.Proposed, At(3, 6))];

        Assert.Equal([2.0], Step(StepDurations.In(history, March), "ProposedToNominated").Days);
    }

    [Fact]
    public void OnlyStepsCompletedInThePeriodCountAlsoWhenTheyStartedBeforeIt()
    {
        // Proposed 20 Feb, nominated 27 Feb (before March: not counted), accepted 3 March (counted: 4 days).
        MatchMove[] history = [new(A, MatchStatus.Proposed, At(2, 20)), new(A, MatchStatus.Nominated, At(2, 27)), new(A, MatchStatus.Accepted, At(3, 3))];

        var steps = StepDurations.In(history, March);

        Assert.Equal(0, Step(steps, "ProposedToNominated").Count);
        Assert.Equal([4.0], Step(steps, "NominatedToAccepted").Days);
    }

    [Fact]
    public void AMoveWithoutAnEarlierEntryInTheSameMatchIsNotCounted()
    {
        // B was nominated without a proposal in its history; A's proposal does not count for B. A is the control.
        MatchMove[] history = [new(A, MatchStatus.Proposed, At(3, 1)), new(A, MatchStatus.Nominated, At(3, 2)), new(B, MatchStatus.Nominated, At(3, 3))];

        Assert.Equal([1.0], Step(StepDurations.In(history, March), "ProposedToNominated").Days);
    }

    [Fact]
    public void TheMedianIsOverTheStepsOfEveryMatch()
    {
        MatchMove[] history =
        [
            new(A, MatchStatus.Accepted, At(3, 1)), new(A, MatchStatus.Contracted, At(3, 2)),
            new(B, MatchStatus.Accepted, At(3, 1)), new(B, MatchStatus.Contracted, At(3, 3)),
            new(C, MatchStatus.Accepted, At(3, 1)), new(C, MatchStatus.Contracted, At(3, 7)),
        ];

        var step = Step(StepDurations.In(history, March), "AcceptedToContracted");

        Assert.Equal(3, step.Count);
        Assert.Equal(2, step.MedianDays);
    }
}
