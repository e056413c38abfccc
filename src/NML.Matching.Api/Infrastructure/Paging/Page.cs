using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace NML.Matching.Api.Infrastructure.Paging;

/// <summary>One page of a list: <c>{ "items": [...], "page": 1, "pageSize": 50, "total": 123 }</c>.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Paging parameters shared by every list: <c>page</c> from 1, <c>pageSize</c> 1-200 (default 50).</summary>
public interface IPagedRequest
{
    int Page { get; }
    int PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Counts and fetches one page. The query must already be ordered by a unique key (stable sort).</summary>
    public static async Task<PagedList<TOut>> ToPageAsync<TIn, TOut>(this IQueryable<TIn> ordered, IPagedRequest request, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        // In long: a page near int.MaxValue would overflow the offset (a negative OFFSET is a database error). Such a page
        // lies beyond any list, so it is empty.
        var skip = (long)(request.Page - 1) * request.PageSize;
        var items = skip >= total ? [] : await ordered.Skip((int)skip).Take(request.PageSize).ToListAsync(cancellationToken);
        return new PagedList<TOut>(items.Select(map).ToList(), request.Page, request.PageSize, total);
    }

    /// <summary>Validation rules for <c>page</c> and <c>pageSize</c>, included by every list validator.</summary>
    public sealed class Validator : AbstractValidator<IPagedRequest>
    {
        public Validator()
        {
            RuleFor(r => r.Page).GreaterThanOrEqualTo(1).OverridePropertyName("page");
            RuleFor(r => r.PageSize).InclusiveBetween(1, MaxPageSize).OverridePropertyName("pageSize");
        }
    }
}
