namespace NML.Matching.Api.Infrastructure.OpenApi;

public static class OpenApiEndpoints
{
    /// <summary>
    /// The document at <c>/openapi/v1.json</c> and the Swagger UI at <c>/swagger</c>, both without a key. Mapped first:
    /// the endpoints mapped on the application come before every route group in the document.
    /// </summary>
    public static WebApplication MapMatchingOpenApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "NML.Matching API v1");
            options.RoutePrefix = "swagger";
            options.DocumentTitle = "NML.Matching API";
        });
        return app;
    }
}
