# syntax=docker/dockerfile:1
# Build:  docker build -t scene-embedding-jobs .
# Bake the default CLIP model into the image (no download at run time, as the seeds advised):
#         docker build --build-arg BAKE_CLIP_MODEL=true -t scene-embedding-jobs:baked .
# Run:    docker run --rm -e DATABASE_URL=postgres://... scene-embedding-jobs start clipBackfill

# Build stage. What it copies is what the build reads: the bench harness (bench/src) compiles with
# the test sources (build-helper), so it is copied too. DockerfileBuildStageIT copies exactly these
# paths into an empty folder and runs the same Maven command, so a build that breaks here fails verify.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY bench/src/ bench/src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -DskipTests
# Spring Boot's layered jar, extracted: dependencies, loader, snapshot dependencies and the
# application each become a layer of their own, so a release ships only the layers that changed.
RUN java -Djarmode=tools -jar target/scene-embedding-jobs.jar extract --layers --destination target/extracted
# ONNX Runtime's native libraries, taken out of its jar once here instead of into /tmp at every start.
COPY deploy/onnxruntime-native.sh deploy/
RUN sh deploy/onnxruntime-native.sh target/extracted/dependencies/lib target/onnxruntime-native

FROM eclipse-temurin:17-jre AS model
ARG BAKE_CLIP_MODEL=false
ARG CLIP_MODEL_URL=https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/d15189d7028b43f1d3e65039190477f6af591c2a/onnx/vision_model_quantized.onnx
ARG CLIP_MODEL_SHA256=583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299
RUN mkdir -p /models && if [ "$BAKE_CLIP_MODEL" = "true" ]; then \
      curl -fsSL -o /models/clip.onnx "$CLIP_MODEL_URL" \
      && echo "$CLIP_MODEL_SHA256  /models/clip.onnx" | sha256sum -c - ; \
    fi

# The runtime is Debian's OpenJDK 17, the JDK bench/ measures: its JPEG decoder is the system's
# libjpeg-turbo, which decodes a 640x360 thumbnail in 0.85 ms of CPU. Temurin's JRE bundles the
# original libjpeg 6b, which takes 1.9 ms for the same pixels: a tenth of the CPU an int8 inference
# leaves for everything else.
FROM debian:bookworm-slim
RUN mkdir -p /usr/share/man/man1 \
    && apt-get update \
    && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app \
    && mkdir -p /app /var/cache/clip /models && chown app:app /var/cache/clip
WORKDIR /app
# The extracted jar (/app/scene-embedding-jobs.jar) finds its libraries in /app/lib through its
# manifest; the layers go from the least to the most often changed.
COPY --from=build /src/target/extracted/dependencies/ /app/
COPY --from=build /src/target/extracted/spring-boot-loader/ /app/
COPY --from=build /src/target/extracted/snapshot-dependencies/ /app/
COPY --from=build /src/target/extracted/application/ /app/
COPY --from=build /src/target/onnxruntime-native/ /app/onnxruntime/
COPY --from=model /models/ /models/
# A baked model is used when present; otherwise the model is downloaded into the cache volume.
COPY --chmod=755 deploy/docker-entrypoint.sh /app/docker-entrypoint.sh
# The JVM options (heap at 40% of the container's memory limit, JIT thresholds): deploy/jvm.options.
COPY deploy/jvm.options /app/jvm.options
# ONNX Runtime loads its native libraries from the image (deploy/onnxruntime-native.sh).
RUN echo '-Donnxruntime.native.path=/app/onnxruntime' >> /app/jvm.options
# Class-data sharing: a training run stores the classes the commands load in /app/application.jsa
# (deploy/cds-archive.sh; no database needed) and the image's JVM options map them at every start,
# which more than halves start-up (README, Performance). Same JDK and jar files as at run time.
COPY deploy/cds-archive.sh /tmp/cds-archive.sh
RUN sh /tmp/cds-archive.sh /app/scene-embedding-jobs.jar /app/application.jsa /app/jvm.options \
    && rm /tmp/cds-archive.sh \
    && echo '-XX:SharedArchiveFile=/app/application.jsa' >> /app/jvm.options
ENV CLIP_CACHE_DIR=/var/cache/clip
VOLUME ["/var/cache/clip"]
USER 10001:10001
ENTRYPOINT ["/app/docker-entrypoint.sh"]
CMD ["status"]
