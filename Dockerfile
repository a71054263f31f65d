# Build: docker build -t exoquic-configurer .
# Run:   docker run --rm -e DATABASE_URL=postgres://... -e EXOQUIC_REPLICATION_PASSWORD=... exoquic-configurer

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY sql-templates sql-templates
COPY src src
# -Dmdep.skip=true: the PostgreSQL server builds the tests use (target/pg-dist) are not needed for the jar.
RUN mvn -B -q -DskipTests -Dmdep.skip=true package

FROM eclipse-temurin:17-jre
RUN groupadd --system exoquic \
 && useradd --system --gid exoquic --no-create-home --home-dir /app --shell /usr/sbin/nologin exoquic
WORKDIR /app
COPY --from=build /src/target/exoquic-postgres-configurer.jar /app/exoquic-postgres-configurer.jar
# The tool's own defaults, spelled out. At run time set DATABASE_URL (or PGHOST, PGUSER, PGPASSWORD,
# PGDATABASE) and EXOQUIC_REPLICATION_PASSWORD; set EXOQUIC_API_KEY to register with the Exoquic cloud.
ENV EXOQUIC_REPLICATION_USER=exoquic_replication \
    EXOQUIC_PUBLICATION_NAME=exoquic_publication \
    EXOQUIC_SLOT_NAME=exoquic_replication_slot \
    EXOQUIC_CLOUD_URL=https://api.exoquic.com \
    EXOQUIC_ENV=prod \
    PGPORT=5432
USER exoquic
ENTRYPOINT ["java","-jar","/app/exoquic-postgres-configurer.jar"]
CMD ["migrate","--wait-for-restart"]
