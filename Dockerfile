# syntax=docker/dockerfile:1
# BridgeStream image: one executable, the subcommand (migrate | ingest | process | api) is the container command.
#   docker build -t bridgestream:local .
#   docker run --rm bridgestream:local migrate

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files alone, so that source edits do not invalidate the package layer.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/BridgeStream.Core/BridgeStream.Core.csproj src/BridgeStream.Core/
COPY src/BridgeStream/BridgeStream.csproj src/BridgeStream/
RUN dotnet restore src/BridgeStream/BridgeStream.csproj
# The host project compiles schemas/kafka/*.proto, so the schemas travel with the sources.
COPY schemas/ schemas/
COPY src/ src/
RUN dotnet publish src/BridgeStream/BridgeStream.csproj -c Release -o /app --no-restore -p:UseAppHost=false

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
# `migrate` applies schemas/clickhouse/*.sql; BRIDGESTREAM_HOME makes /app the root the application resolves
# repository-relative paths against (there is no BridgeStream.sln in the image to find it by).
COPY schemas/clickhouse/ ./schemas/clickhouse/
COPY infra/alerts/ ./infra/alerts/
ENV BRIDGESTREAM_HOME=/app \
    ASPNETCORE_HTTP_PORTS=8080
# librdkafka.redist's default librdkafka.so needs libsasl2.so.3, absent on Debian/Ubuntu; Confluent.Kafka then
# loads the bundled centos8-librdkafka.so, which needs only glibc, so no extra system packages are installed.
# APP_UID is the non-root `app` user that the .NET images ship.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["dotnet", "bridgestream.dll"]
CMD ["api"]
