using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NML.Matching.Api.Persistence;
using NML.Matching.Api.Tests.Infrastructure;
using NML.Matching.Domain.Candidates;
using NML.Matching.Domain.Units;

namespace NML.Matching.Api.Tests;

/// <summary>
/// The status rules are written once, next to the entities (<see cref="Candidate.StatusRule"/>, <see cref="Candidate.InQueue"/>,
/// <see cref="HousingUnit.OnOffer"/>), and used both in memory and as SQL filters. PostgreSQL must select exactly the rows
/// that the rule in memory picks, for every combination of the columns the rule reads (docs/registers.md: the status of a
/// candidate on a day), also combinations the workflow never makes.
/// </summary>
public sealed class StatusRuleInSqlTests(ApiFactory api) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private Cast _cast = null!;

    public async Task InitializeAsync() => _cast = await Cast.CreateAsync(api);

    public Task DisposeAsync() => Task.CompletedTask;

    private static IEnumerable<(bool Withdrawn, string Placement, DateOnly? ParkedUntil, DateOnly ReadySince, bool Guaranteed)> CandidateStates() =>
        from withdrawn in new[] { false, true }
        from placement in new[] { "None", "Matched", "Housed" }
        from parkedUntil in new DateOnly?[] { null, Day.AddDays(-1), Day, Day.AddDays(1) }
        from readySince in new[] { Day.AddDays(-1), Day, Day.AddDays(1) }
        from guaranteed in new[] { false, true }
        select (withdrawn, placement, parkedUntil, readySince, guaranteed);

    private async Task<List<Guid>> CandidatesInEveryStateAsync()
    {
        var ids = new List<Guid>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var state in CandidateStates())
        {
            var id = (await api.WithKey(_cast.ProviderA).RegisterCandidateAsync()).Id;
            await using var command = new NpgsqlCommand(
                "UPDATE candidates SET withdrawn_at = $2, placement = $3, parked_until = $4, ready_since = $5, support_guaranteed = $6 WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = state.Withdrawn ? new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero) : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = state.Placement });
            command.Parameters.Add(new NpgsqlParameter { Value = state.ParkedUntil is { } until ? until : DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter { Value = state.ReadySince });
            command.Parameters.Add(new NpgsqlParameter { Value = state.Guaranteed });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
            ids.Add(id);
        }
        return ids;
    }

    [Fact]
    public async Task TheDatabaseSelectsEachStatusExactlyAsTheDomainRuleDecidesIt()
    {
        var ids = await CandidatesInEveryStateAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var candidates = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync();
        Assert.Equal(2 * 3 * 4 * 3 * 2, candidates.Count);

        foreach (var status in Enum.GetValues<CandidateStatus>())
        {
            var inMemory = candidates.Where(c => c.StatusOn(Day) == status).Select(c => c.Id).Order().ToList();
            var inSql = await db.Candidates.Where(c => ids.Contains(c.Id)).Where(Candidate.HasStatus(status, Day)).Select(c => c.Id).ToListAsync();
            Assert.NotEmpty(inMemory);
            Assert.Equal(inMemory, inSql.Order().ToList());
        }
    }

    [Fact]
    public async Task StatusesFollowDocsRegistersOnTheDayParkingEndsAndReadinessStarts()
    {
        // Hand-worked from docs/registers.md for a few states: withdrawn wins over everything, parking ends on parkedUntil
        // itself, and a candidate is Ready from readySince on only with guaranteed support.
        var ids = await CandidatesInEveryStateAsync();
        var states = CandidateStates().ToList();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();

        async Task<CandidateStatus> StatusOfAsync(bool withdrawn, string placement, DateOnly? parkedUntil, DateOnly readySince, bool guaranteed)
        {
            var id = ids[states.IndexOf((withdrawn, placement, parkedUntil, readySince, guaranteed))];
            foreach (var status in Enum.GetValues<CandidateStatus>())
                if (await db.Candidates.Where(c => c.Id == id).AnyAsync(Candidate.HasStatus(status, Day))) return status;
            throw new InvalidOperationException("no status selects the candidate");
        }

        Assert.Equal(CandidateStatus.Withdrawn, await StatusOfAsync(true, "Housed", Day.AddDays(1), Day, true));
        Assert.Equal(CandidateStatus.Housed, await StatusOfAsync(false, "Housed", Day.AddDays(1), Day, true));
        Assert.Equal(CandidateStatus.Matched, await StatusOfAsync(false, "Matched", null, Day.AddDays(1), false));
        Assert.Equal(CandidateStatus.Parked, await StatusOfAsync(false, "None", Day.AddDays(1), Day.AddDays(-1), true));
        Assert.Equal(CandidateStatus.Ready, await StatusOfAsync(false, "None", Day, Day, true));
        Assert.Equal(CandidateStatus.Registered, await StatusOfAsync(false, "None", Day.AddDays(-1), Day.AddDays(1), true));
        Assert.Equal(CandidateStatus.Registered, await StatusOfAsync(false, "None", null, Day.AddDays(-1), false));
    }

    [Fact]
    public async Task TheQueueInSqlIsEveryCandidateThatIsNeitherWithdrawnNorHoused()
    {
        var ids = await CandidatesInEveryStateAsync();
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var candidates = await db.Candidates.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync();

        var inSql = await db.Candidates.Where(c => ids.Contains(c.Id)).Where(Candidate.InQueue).Select(c => c.Id).ToListAsync();
        var byStatus = candidates.Where(c => c.StatusOn(Day) is not (CandidateStatus.Withdrawn or CandidateStatus.Housed)).Select(c => c.Id).Order().ToList();
        var byProperty = candidates.Where(c => c.IsInQueue).Select(c => c.Id).Order().ToList();

        Assert.NotEmpty(byStatus);
        Assert.NotEqual(candidates.Count, byStatus.Count);
        Assert.Equal(byStatus, inSql.Order().ToList());
        Assert.Equal(byStatus, byProperty);
    }

    [Fact]
    public async Task UnitsOnOfferInSqlAreTheAvailableAndReservedOnesAsInMemory()
    {
        var ids = new Dictionary<UnitStatus, Guid>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        foreach (var status in Enum.GetValues<UnitStatus>())
        {
            var id = (await api.WithKey(_cast.CorporationA).PostUnitAsync()).Id;
            await using var command = new NpgsqlCommand("UPDATE units SET status = $2 WHERE id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = id });
            command.Parameters.Add(new NpgsqlParameter { Value = status.ToString() });
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
            ids[status] = id;
        }
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MatchingDbContext>();
        var all = ids.Values.ToList();

        var inSql = await db.Units.Where(u => all.Contains(u.Id)).Where(HousingUnit.OnOffer).Select(u => u.Id).ToListAsync();
        var inMemory = (await db.Units.AsNoTracking().Where(u => all.Contains(u.Id)).ToListAsync()).Where(u => u.IsOnOffer).Select(u => u.Id);

        // docs/monitoring.md (openNow): units on offer are those neither withdrawn nor let, so Available and Reserved.
        Assert.Equal(new[] { ids[UnitStatus.Available], ids[UnitStatus.Reserved] }.Order(), inSql.Order());
        Assert.Equal(inSql.Order(), inMemory.Order());
    }
}
