"""The behaviour docker-compose.yml and code/Dockerfile rely on in their base images.

In this repo's CI these are the stand-ins of scripts/ci/standin-images.sh; with registry
access they are the real images, and the same checks hold for both.
"""
import subprocess
import time
import uuid

import pytest


def docker(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["docker", *args], check=check, capture_output=True, text=True, timeout=120)


@pytest.fixture()
def network():
    name = f"base-images-{uuid.uuid4().hex[:8]}"
    docker("network", "create", name)
    yield name
    docker("network", "rm", name, check=False)


@pytest.fixture()
def start(network):
    """Starts a detached container on the test network; removes it afterwards."""
    started = []

    def _start(*args: str) -> str:
        name = f"probe-{uuid.uuid4().hex[:8]}"
        docker("run", "-d", "--name", name, "--network", network, *args)
        started.append(name)
        return name

    yield _start
    for name in started:
        docker("rm", "-f", "-v", name, check=False)


def wait_for(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def pid1(container: str) -> tuple[str, str]:
    """(command line, real uid) of the container's PID 1."""
    cmdline = docker("exec", container, "cat", "/proc/1/cmdline").stdout.replace("\0", " ").strip()
    status = docker("exec", container, "cat", "/proc/1/status").stdout
    uid = next(line.split()[1] for line in status.splitlines() if line.startswith("Uid:"))
    return cmdline, uid


def test_postgres_initialises_from_env_and_initdb_d(start, network, tmp_path):
    (tmp_path / "01-probe.sql").write_text("CREATE TABLE probe (note text); INSERT INTO probe VALUES ('init ran');\n")
    tmp_path.chmod(0o755)
    server = start("-e", "POSTGRES_USER=app", "-e", "POSTGRES_PASSWORD=s3cret", "-e", "POSTGRES_DB=probe",
                   "-v", f"{tmp_path}:/docker-entrypoint-initdb.d:ro",
                   "postgres:17", "postgres", "-c", "shared_preload_libraries=pg_stat_statements")
    wait_for(lambda: docker("exec", server, "pg_isready", "-h", "127.0.0.1", "-U", "app", "-d", "probe",
                            check=False).returncode == 0)

    def psql(password: str, sql: str) -> subprocess.CompletedProcess:
        return docker("run", "--rm", "--network", network, "-e", f"PGPASSWORD={password}", "postgres:17",
                      "psql", "-h", server, "-U", "app", "-d", "probe", "-Atc", sql, check=False)

    result = psql("s3cret", "SELECT note FROM probe; SHOW shared_preload_libraries; SELECT current_user")
    assert result.stdout.split() == ["init", "ran", "pg_stat_statements", "app"], result.stderr
    assert "password authentication failed" in psql("wrong", "SELECT 1").stderr
    cmdline, uid = pid1(server)
    assert cmdline.startswith("postgres"), f"PID 1 is {cmdline!r}, not postgres"
    assert uid != "0", "postgres runs as root"


def test_redis_passes_arguments_through_and_runs_as_non_root(start, network):
    server = start("redis:7", "redis-server", "--requirepass", "s3cret")

    def cli(*args: str) -> str:
        return docker("run", "--rm", "--network", network, "redis:7", "redis-cli", "-h", server, *args,
                      check=False).stdout.strip()

    wait_for(lambda: cli("-a", "s3cret", "--no-auth-warning", "ping") == "PONG")
    assert cli("ping").startswith("NOAUTH")
    cmdline, uid = pid1(server)
    assert cmdline.startswith("redis-server"), f"PID 1 is {cmdline!r}, not redis-server"
    assert uid != "0", "redis-server runs as root"


@pytest.mark.parametrize("image", ["eclipse-temurin:25-jdk", "eclipse-temurin:25-jre"])
def test_temurin_is_java_25_in_opt_java_openjdk(image):
    result = docker("run", "--rm", image, "sh", "-c", 'echo "$JAVA_HOME"; command -v java; java -version 2>&1')
    java_home, java, version = result.stdout.split("\n", 2)
    assert java_home == "/opt/java/openjdk"
    assert java == "/opt/java/openjdk/bin/java"
    assert 'version "25' in version


@pytest.mark.parametrize("image", ["eclipse-temurin:25-jdk", "eclipse-temurin:25-jre"])
def test_temurin_trusts_the_host_ca_bundle(image):
    """Java's truststore holds at least every certificate of the host bundle (this CI's egress CA)."""
    with open("/etc/ssl/certs/ca-certificates.crt") as bundle:
        host_certs = bundle.read().count("BEGIN CERTIFICATE")
    listing = docker("run", "--rm", image, "keytool", "-list", "-cacerts", "-storepass", "changeit").stdout
    assert listing.count("trustedCertEntry") >= host_certs


def test_jdk_fetches_from_maven_central_over_https():
    """What `./mvnw` does inside `docker build`: curl and Java both reach Maven Central."""
    url = "https://repo.maven.apache.org/maven2/org/apache/maven/apache-maven/maven-metadata.xml"
    result = docker("run", "--rm", "eclipse-temurin:25-jdk", "sh", "-c",
                    f"curl -fsS -o /dev/null {url} && echo curl-ok && printf '%s\\n' "
                    f"'void main() throws Exception {{ var c = (java.net.HttpURLConnection) new java.net.URI(\"{url}\")"
                    f".toURL().openConnection(); IO.println(c.getResponseCode() == 200 ? \"java-ok\" : c.getResponseCode()); }}' "
                    "> /tmp/F.java "
                    "&& java /tmp/F.java", check=False)
    assert result.stdout.split() == ["curl-ok", "java-ok"], result.stderr[-2000:]
