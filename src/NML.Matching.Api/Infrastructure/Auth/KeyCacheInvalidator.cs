using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NML.Matching.Domain.Organisations;

namespace NML.Matching.Api.Infrastructure.Auth;

/// <summary>Empties <see cref="VerifiedKeyCache"/> when a save touches API keys or organisations, before and after it commits.</summary>
public sealed class KeyCacheInvalidator(VerifiedKeyCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];

    private static bool TouchesKeys(DbContext? context) =>
        context is not null && context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is ApiKey or Organisation);

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Before(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Before(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Before(DbContext? context)
    {
        if (!TouchesKeys(context)) return;
        Pending.AddOrUpdate(context!, new object());
        cache.Invalidate();
    }

    // Saved: committed unless an explicit transaction is still open, which Committed then covers.
    private void After(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _)) return;
        cache.Invalidate();
        if (context.Database.CurrentTransaction is null) Pending.Remove(context);
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !Pending.TryGetValue(context, out _)) return;
        Pending.Remove(context);
        cache.Invalidate();
    }
}
