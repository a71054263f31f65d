# Build: docker build -t exoquic-configurer .     (CI builds it with buildah: .ci/image)
# Run:   docker run --rm -e DATABASE_URL=postgres://... -e EXOQUIC_REPLICATION_PASSWORD=... exoquic-configurer
#
# Three stages: the jar is compiled on Java 17 (the minimum for `java -jar` and the library); the image runs
# it on Java 25 with an AOT cache (JEP 483/514) trained at build time against a throwaway PostgreSQL.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# Dependencies and plugins first, in a layer of their own: a change to the sources does not download them again
# (go-offline misses a few, such as the annotation processor, which package then fetches; it also asks for
# optional dependencies of dependencies that the build never uses, some of which Central does not serve, such as
# io.prometheus:prometheus-metrics-annotations: such a failure only leaves the package step more to fetch).
COPY pom.xml .
RUN mvn -B -q -Dmaven.repo.local=/src/.m2 dependency:go-offline \
 || echo "go-offline was incomplete: the package step fetches the rest"
COPY sql-templates sql-templates
COPY src src
# -Dmdep.skip=true: the PostgreSQL server builds the tests use (target/pg-dist) are not needed for the jar.
RUN mvn -B -q -Dmaven.repo.local=/src/.m2 -DskipTests -Dmdep.skip=true package

# AOT cache: a training run (-XX:AOTCacheOutput) of one full migrate against a throwaway PostgreSQL records
# the classes a migrate loads and links, and their profiles; the cache takes about a third off a no-op migrate
# (bench/startup measures it). Trained on the same JRE image as the final stage, since a cache fits only
# the JVM build that wrote it and the jar at that path, size and modification time.
FROM eclipse-temurin:25-jre AS aot
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/exoquic-postgres-configurer.jar /app/
COPY src/main/docker/train-cds.sh /usr/local/bin/train-cds
RUN sh /usr/local/bin/train-cds "$(ls -d /usr/lib/postgresql/*/bin | tail -1)" \
        /app/exoquic-postgres-configurer.jar /app/exoquic.aot postgres

FROM eclipse-temurin:25-jre
RUN groupadd --system exoquic \
 && useradd --system --gid exoquic --no-create-home --home-dir /app --shell /usr/sbin/nologin exoquic
WORKDIR /app
# The jar the cache was trained on (same size and modification time), and the cache.
COPY --from=aot /app/exoquic-postgres-configurer.jar /app/exoquic.aot /app/
# The tool's own defaults, spelled out. At run time set DATABASE_URL (or PGHOST, PGUSER, PGPASSWORD,
# PGDATABASE) and EXOQUIC_REPLICATION_PASSWORD; set EXOQUIC_API_KEY to register with the Exoquic cloud.
ENV EXOQUIC_REPLICATION_USER=exoquic_replication \
    EXOQUIC_PUBLICATION_NAME=exoquic_publication \
    EXOQUIC_SLOT_NAME=exoquic_replication_slot \
    EXOQUIC_CLOUD_URL=https://api.exoquic.com \
    EXOQUIC_ENV=prod \
    PGPORT=5432
USER exoquic
# JVM warnings go to stderr, so --json output on stdout stays one clean document; should the cache not fit
# (another JVM build, a changed jar), the JVM says so there and starts without it.
ENTRYPOINT ["java","-XX:AOTCache=/app/exoquic.aot","-Xlog:disable","-Xlog:all=warning:stderr",\
            "-jar","/app/exoquic-postgres-configurer.jar"]
CMD ["migrate","--wait-for-restart"]
