# Build: docker build -t exoquic-configurer .
# Run:   docker run --rm -e DATABASE_URL=postgres://... -e EXOQUIC_REPLICATION_PASSWORD=... exoquic-configurer

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY sql-templates sql-templates
COPY src src
# -Dmdep.skip=true: the PostgreSQL server builds the tests use (target/pg-dist) are not needed for the jar.
RUN mvn -B -q -DskipTests -Dmdep.skip=true package

# Class data sharing: a training run against a throwaway PostgreSQL writes an AppCDS archive of the classes a
# migrate loads; it saves about a fifth of each run's start (bench/run measures it). Trained on the same JRE
# image as the final stage, since an archive fits only the JVM build that wrote it.
FROM eclipse-temurin:17-jre AS cds
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql \
 && rm -rf /var/lib/apt/lists/*
# The jar the archive was trained on (same size and modification time), and the archive.
COPY --from=cds /app/exoquic-postgres-configurer.jar /app/exoquic.jsa /app/
COPY src/main/docker/train-cds.sh /usr/local/bin/train-cds
RUN sh /usr/local/bin/train-cds "$(ls -d /usr/lib/postgresql/*/bin | tail -1)" \
        /app/exoquic-postgres-configurer.jar /app/exoquic.jsa postgres

FROM eclipse-temurin:17-jre
RUN groupadd --system exoquic \
 && useradd --system --gid exoquic --no-create-home --home-dir /app --shell /usr/sbin/nologin exoquic
WORKDIR /app
# The jar the archive was trained on (same size and modification time), and the archive.
COPY --from=cds /app/exoquic-postgres-configurer.jar /app/exoquic.jsa /app/
# The tool's own defaults, spelled out. At run time set DATABASE_URL (or PGHOST, PGUSER, PGPASSWORD,
# PGDATABASE) and EXOQUIC_REPLICATION_PASSWORD; set EXOQUIC_API_KEY to register with the Exoquic cloud.
ENV EXOQUIC_REPLICATION_USER=exoquic_replication \
    EXOQUIC_PUBLICATION_NAME=exoquic_publication \
    EXOQUIC_SLOT_NAME=exoquic_replication_slot \
    EXOQUIC_CLOUD_URL=https://api.exoquic.com \
    EXOQUIC_ENV=prod \
    PGPORT=5432
USER exoquic
# JVM warnings go to stderr, so --json output on stdout stays one clean document; should the archive not fit,
# the JVM says so there and starts without it.
ENTRYPOINT ["java","-XX:SharedArchiveFile=/app/exoquic.jsa","-Xlog:disable","-Xlog:all=warning:stderr",\
            "-jar","/app/exoquic-postgres-configurer.jar"]
CMD ["migrate","--wait-for-restart"]
