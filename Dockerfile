# The explorer, for docker-compose.yml: builds the graph, pushes it into Neo4j, and serves
# the explorer reading from Neo4j (INSPECTION_GRAPH_BACKEND=neo4j, set by the compose file).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    INSPECTION_GRAPH_STORE=/store

WORKDIR /app
COPY pyproject.toml README.md app.py ./
COPY graph ./graph
COPY loaders ./loaders
COPY queries ./queries
COPY cli ./cli
COPY synth ./synth
COPY explorer ./explorer
RUN pip install -e . && useradd --create-home --uid 10001 explorer \
    && mkdir -p /store && chown explorer /store
USER explorer

EXPOSE 8501
# Build from the mounted ../shared (or the project's labelled sample), push into Neo4j,
# then serve on all of the container's interfaces (compose publishes 127.0.0.1:8501 only).
# A build that loads with some rejected rows exits 1: that graph is still served.
CMD ["sh", "-c", "set -e; \
if [ -d /shared/data/ofsted ]; then set -- /shared/data/ofsted; \
  if [ -d /shared/seeds ]; then set -- \"$@\" /shared/seeds; fi; \
else echo 'no /shared/data/ofsted: building the SAMPLE data'; \
  inspection-graph sample -o /tmp/sample-data; set -- /tmp/sample-data; fi; \
inspection-graph build \"$@\" --quiet || [ $? -eq 1 ]; \
inspection-graph push --quiet; \
exec inspection-graph explore --address 0.0.0.0 --port 8501"]
