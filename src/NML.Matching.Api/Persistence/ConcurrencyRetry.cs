using Microsoft.EntityFrameworkCore;

namespace NML.Matching.Api.Persistence;

/// <summary>
/// Runs a read-change-save unit again when its save lost a race on a row version. For writes whose only likely rival
/// is the background bookkeeping on the same row (a reminder marker on a tenancy): the user should not get a 409 for
/// a change nobody made to what they see. The work reloads the row each time, so the domain rules are checked
/// against the fresh state; after three tries the conflict goes to the caller as usual (409).
/// </summary>
public static class ConcurrencyRetry
{
    public const int Attempts = 3;

    public static async Task<T> RetryOnConcurrencyAsync<T>(this MatchingDbContext db, Func<Task<T>> work)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await work();
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
