# syntax=docker/dockerfile:1
# Multi-stage build: the SDK image restores and publishes; the runtime image carries only the app.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY Directory.Build.props Directory.Packages.props Aggregator.sln ./
COPY src/Aggregator.Web/Aggregator.Web.csproj src/Aggregator.Web/
# linux-x64 only: ONNX Runtime (the story engine's embedding model) would otherwise bring every platform's native library.
RUN dotnet restore src/Aggregator.Web/Aggregator.Web.csproj -r linux-x64
COPY src/ src/
RUN dotnet publish src/Aggregator.Web/Aggregator.Web.csproj -c Release -r linux-x64 --self-contained false -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Log__Format=json
EXPOSE 8080
# The image's non-root user (uid 1654) runs the app.
USER $APP_UID
# The runtime image has no curl: bash's /dev/tcp asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q ' 200 ' <&3"]
ENTRYPOINT ["dotnet", "/app/Aggregator.Web.dll"]
