namespace NML.Matching.Domain.Common;

/// <summary>
/// Something that happened to an aggregate, raised by the aggregate itself when it changes. The persistence layer
/// collects the events of every aggregate it saves and writes each to the outbox in the same transaction (D38).
/// <see cref="Order"/> is taken from one counter for the whole process when the event is raised, so the events of one
/// unit of work can be written in the order in which they happened, even when several share the same moment.
/// </summary>
public abstract record DomainEvent(DateTimeOffset OccurredAt)
{
    private static long _last;

    /// <summary>Increases with every event raised in this process.</summary>
    public long Order { get; } = Interlocked.Increment(ref _last);
}

/// <summary>An aggregate that raises <see cref="DomainEvent"/>s; they wait here until the unit of work takes them.</summary>
public abstract class AggregateRoot
{
    private readonly List<DomainEvent> _domainEvents = [];

    /// <summary>The events raised since the last save, oldest first.</summary>
    public IReadOnlyList<DomainEvent> DomainEvents => _domainEvents;

    /// <summary>Forgets the raised events: the unit of work calls this once it has taken them.</summary>
    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(DomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}
