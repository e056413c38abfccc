namespace NML.Matching.Api.Infrastructure.Startup;

/// <summary>
/// <c>dotnet NML.Matching.Api.dll --healthcheck [url]</c>: the Docker HEALTHCHECK, without curl in the image.
/// Exits 0 when <c>/health/ready</c> answers 200. The URL is the argument after the flag, else
/// <c>NML_HEALTHCHECK_URL</c>, else http://127.0.0.1:8080/health/ready (the image's port).
/// </summary>
public static class ContainerHealthCheck
{
    public static async Task<int> RunAsync(string[] args)
    {
        var index = Array.IndexOf(args, "--healthcheck");
        var url = index + 1 < args.Length ? args[index + 1]
            : Environment.GetEnvironmentVariable("NML_HEALTHCHECK_URL") is { Length: > 0 } configured ? configured
            : "http://127.0.0.1:8080/health/ready";
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(new Uri(url));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (HttpRequestException)
        {
            return 1;
        }
        catch (TaskCanceledException)
        {
            return 1;
        }
    }
}
