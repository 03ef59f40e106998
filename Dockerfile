# syntax=docker/dockerfile:1
# One image recipe for every module that is a Spring Boot app:
#   docker build --build-arg MODULE=fraud-detector -t streamsuite/fraud-detector .

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY . .
# The Maven cache mount keeps dependencies between builds of different modules.
RUN --mount=type=cache,target=/root/.m2 \
    test -n "$MODULE" || { echo "set --build-arg MODULE=<module folder>" >&2; exit 1; } \
 && ./mvnw -B -q -pl "$MODULE" -am package -DskipTests \
 && jar=$(find "$MODULE/target" -maxdepth 1 -name "$MODULE-*.jar" ! -name '*-sources.jar' ! -name '*-tests.jar' | head -n 1) \
 && test -n "$jar" \
 && cp "$jar" /app.jar

FROM eclipse-temurin:17-jre
ARG MODULE
LABEL org.opencontainers.image.title="streamsuite ${MODULE}"
# curl for the container health check; the state dir must belong to the non-root user.
RUN (command -v curl >/dev/null || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)) \
 && groupadd --system --gid 10001 app \
 && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app \
 && mkdir -p /app /var/lib/kafka-streams \
 && chown app:app /var/lib/kafka-streams
COPY --from=build --chown=app:app /app.jar /app/app.jar
USER 10001:10001
WORKDIR /app
ENV STREAMS_KIT_STATE_DIR=/var/lib/kafka-streams
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/app.jar"]
