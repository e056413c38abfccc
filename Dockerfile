# NML.Matching API: build with the .NET SDK, run on the ASP.NET Core runtime as a non-root user.
#   docker build -t nml-matching-api .
#   docker compose -f deploy/docker-compose.yml up -d      (API + PostgreSQL)

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1

# Restore first, from the project and build files alone, so the layer is reused until they change.
# Only the API's project graph is restored: the test projects are not part of the image.
COPY global.json Directory.Build.props Directory.Packages.props NML.Matching.sln ./
COPY src/NML.Matching.Domain/NML.Matching.Domain.csproj src/NML.Matching.Domain/
COPY src/NML.Matching.Api/NML.Matching.Api.csproj src/NML.Matching.Api/
RUN dotnet restore src/NML.Matching.Api/NML.Matching.Api.csproj -r linux-x64

COPY . .
RUN dotnet publish src/NML.Matching.Api/NML.Matching.Api.csproj -c Release -r linux-x64 --self-contained false \
      --no-restore -p:UseAppHost=false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./

ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
EXPOSE 8080

# The aspnet image's non-root user "app" (UID 1654).
USER $APP_UID

# --healthcheck asks http://127.0.0.1:8080/health/ready (database reachable, migrations applied); exit 0 = healthy.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["dotnet", "NML.Matching.Api.dll", "--healthcheck"]

ENTRYPOINT ["dotnet", "NML.Matching.Api.dll"]
