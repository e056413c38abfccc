using NML.Matching.Api.Tests.Monitoring;
using NML.Matching.Portal.Tests.Infrastructure;

namespace NML.Matching.Portal.Tests.Monitoring;

/// <summary>
/// The portal on the hand-made monitoring history of the API's tests (<see cref="MonitoringHistory"/>: nine placements
/// in 2026 with known waits, steps, declines and follow-ups, written out in its doc comment), built through the API
/// on this host's database; the clock stands at 2026-10-01 afterwards.
/// </summary>
public sealed class MonitoringPortalFixture : PortalFixture
{
    public MonitoringHistory History { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        History = await MonitoringHistory.BuildAsync(this);
    }
}
