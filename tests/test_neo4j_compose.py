"""docker-compose.yml, Dockerfile, .env.example and .dockerignore, checked as far as these
machines allow: no Docker engine runs here, and the Docker client has no ``compose``
plugin, so the files are parsed and their structure asserted; ``docker compose config``
(or Debian's ``docker-compose config``) runs too wherever one is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
VARIABLE = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip().lstrip("# ").strip()
        if re.match(r"^[A-Z0-9_]+=", line):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_neo4j_service(compose):
    neo4j = compose["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5-community"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("${NEO4J_USER:-neo4j}/${NEO4J_PASSWORD:?")
    assert "neo4j-data:/data" in neo4j["volumes"] and "neo4j-data" in compose["volumes"]
    check = " ".join(neo4j["healthcheck"]["test"])
    assert "cypher-shell" in check and "RETURN 1" in check and "$${NEO4J_AUTH" in check
    assert neo4j["healthcheck"]["retries"] >= 5


def test_explorer_service_reads_neo4j(compose):
    explorer = compose["services"]["explorer"]
    assert explorer["build"] == "."
    assert explorer["depends_on"]["neo4j"]["condition"] == "service_healthy"
    env = explorer["environment"]
    assert env["INSPECTION_GRAPH_BACKEND"] == "neo4j"
    assert env["NEO4J_URI"] == "neo4j://neo4j:7687"
    assert env["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert any(v.endswith(":/shared:ro") for v in explorer["volumes"])


def test_every_port_is_bound_to_localhost(compose):
    ports = [p for service in compose["services"].values() for p in service.get("ports", [])]
    assert ports and all(str(p).startswith("127.0.0.1:") for p in ports)


def test_every_variable_is_documented_in_env_example(compose):
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    documented = env_example()
    for name, kind, _ in VARIABLE.findall(text.replace("$$", "")):
        assert name in documented or kind == "-", name
    assert len(documented["NEO4J_PASSWORD"]) >= 8  # Neo4j 5's minimum
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".env" in ignored
    docker_ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert ".env" in docker_ignored and ".venv" in docker_ignored


def test_dockerfile_builds_pushes_and_explores():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert text.splitlines()[2] == "FROM python:3.11-slim" or "FROM python:3.11-slim" in text
    assert "pip install -e ." in text and "USER explorer" in text
    cmd = re.search(r'^CMD (\[.*?\])$', text.replace("\\\n", ""), re.MULTILINE | re.DOTALL)
    import json

    argv = json.loads(cmd.group(1))
    script = argv[2]
    assert argv[:2] == ["sh", "-c"]
    for step in ("inspection-graph build", "inspection-graph push",
                 "exec inspection-graph explore --address 0.0.0.0 --port 8501"):
        assert step in script
    subprocess.run(["sh", "-n", "-c", script], check=True)
    for path in re.findall(r"^COPY (\S+)", text, re.MULTILINE):
        if path != "pyproject.toml":
            assert (ROOT / path).exists(), path


def _compose_command() -> list[str] | None:
    """``docker compose`` (the plugin) or ``docker-compose`` (Debian's package), if either."""
    if shutil.which("docker") and subprocess.run(["docker", "compose", "version"],
                                                 capture_output=True).returncode == 0:
        return ["docker", "compose"]
    return ["docker-compose"] if shutil.which("docker-compose") else None


@pytest.mark.skipif(_compose_command() is None, reason="neither `docker compose` nor "
                    "`docker-compose` is installed here; the YAML checks above stand in")
def test_docker_compose_config_accepts_the_file(tmp_path):
    for name in ("docker-compose.yml", "Dockerfile"):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".env").write_text((ROOT / ".env.example").read_text(encoding="utf-8"),
                                   encoding="utf-8")
    command = [*_compose_command(), "-f", str(tmp_path / "docker-compose.yml")]
    done = subprocess.run([*command, "config"], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "NEO4J_AUTH: neo4j/change-me-please" in done.stdout
    (tmp_path / ".env").unlink()  # without a password, compose refuses to start
    done = subprocess.run([*command, "config"], capture_output=True, text=True, cwd=tmp_path,
                          env={"PATH": "/usr/bin:/bin:/usr/local/bin"})
    assert done.returncode != 0 and "set NEO4J_PASSWORD in .env" in done.stderr
