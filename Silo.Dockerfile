# The gateway's image: every container runs one silo; run several on one PostgreSQL for a cluster.
# Build from the repository root:  docker build -f Silo.Dockerfile -t orleansgroq-silo .
# Configuration comes only from the environment and mounted files (docs/configuration.md); no key or token is in the image.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# The project files first: the restore layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props ./
COPY src/OrleansGroq.Abstractions/OrleansGroq.Abstractions.csproj src/OrleansGroq.Abstractions/
COPY src/OrleansGroq.Grains/OrleansGroq.Grains.csproj src/OrleansGroq.Grains/
COPY src/OrleansGroq.Persistence.PostgreSql/OrleansGroq.Persistence.PostgreSql.csproj src/OrleansGroq.Persistence.PostgreSql/
COPY src/OrleansGroq.Emulator/OrleansGroq.Emulator.csproj src/OrleansGroq.Emulator/
COPY src/OrleansGroq.Silo/OrleansGroq.Silo.csproj src/OrleansGroq.Silo/
RUN dotnet restore src/OrleansGroq.Silo/OrleansGroq.Silo.csproj

COPY src/ src/
RUN dotnet publish src/OrleansGroq.Silo/OrleansGroq.Silo.csproj --no-restore -c Release -o /app -p:UseAppHost=false

# Chiseled: no shell, no package manager; runs as the non-root user app ($APP_UID, 1654).
FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS runtime
WORKDIR /app
COPY --from=build /app ./

# HTTP API, silo-to-silo, Orleans clients. The image's own ASPNETCORE_HTTP_PORTS is cleared: Urls decides.
ENV Urls=http://+:8080 \
    ASPNETCORE_HTTP_PORTS= \
    Orleans__SiloPort=11111 \
    Orleans__GatewayPort=30000
EXPOSE 8080 11111 30000
USER $APP_UID

# No shell to run curl from: the gateway probes itself (exit 0 when ready), for Docker's and compose's health checks.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["dotnet", "OrleansGroq.Silo.dll", "probe", "http://127.0.0.1:8080/health/ready"]

# The process gets SIGTERM directly (no shell in between), drains and leaves the cluster: give it
# Shutdown:DrainTimeout + Shutdown:LeaveTimeout (45 s by default) before a SIGKILL (docker stop -t 50).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "OrleansGroq.Silo.dll"]
