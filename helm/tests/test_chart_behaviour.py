"""Unit tests over the rendered objects: what the chart promises, value by value."""
import re

import pytest
import yaml

from conftest import (CHART, REQUIRED_VALUES, VALUES_FILES, app_container, by_kind, one, render, render_named,
                      try_render)

SECRET_WORDS = re.compile(r"PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_KEY|AUTH", re.I)
SECRET_FIELD = re.compile(r"^(password|passwd|token|auth_?token|secret|secret_?value|api_?key|private_?key)$", re.I)


def walk(node, path=""):
    """Yields (path, key, value) for every mapping entry in a rendered object."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield path, key, value
            yield from walk(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from walk(value, f"{path}/{i}")


# --- secrets -------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", VALUES_FILES)
def test_no_rendered_object_contains_a_secret_value(name):
    docs = render_named(name)
    assert not by_kind(docs, "Secret"), "the chart must never render a Secret: values hold no secrets"
    for doc in docs:
        where = f"{doc['kind']}/{doc['metadata']['name']}"
        for path, key, value in walk(doc):
            assert not (SECRET_FIELD.match(str(key)) and isinstance(value, (str, int))), \
                f"{where}{path}/{key} carries a literal value"
            if key in ("env",) and isinstance(value, list):
                for env in value:
                    if SECRET_WORDS.search(env["name"]):
                        assert "value" not in env, f"{where}: {env['name']} has a literal value"
                        assert set(env["valueFrom"]) == {"secretKeyRef"}, f"{where}: {env['name']}"
    for config_map in by_kind(docs, "ConfigMap"):
        leaked = [k for k in config_map["data"] if SECRET_WORDS.search(k)]
        assert not leaked, f"secret-looking keys in the ConfigMap: {leaked}"


def test_credentials_come_from_the_external_secret():
    docs = render_named("production")
    external = one(docs, "ExternalSecret")
    secret_name = external["spec"]["target"]["name"]
    refs = {e["name"]: e["valueFrom"]["secretKeyRef"] for e in app_container(docs)["env"]}
    assert refs == {k: {"name": secret_name, "key": k}
                    for k in ("POSTGRES_USER", "POSTGRES_PASSWORD", "REDIS_PASSWORD")}
    data = {d["secretKey"]: d["remoteRef"] for d in external["spec"]["data"]}
    assert data["POSTGRES_USER"]["property"] == "username"
    assert data["POSTGRES_PASSWORD"]["property"] == "password"
    assert data["REDIS_PASSWORD"]["property"] == "auth_token"
    assert data["POSTGRES_PASSWORD"]["key"].startswith("arn:aws:secretsmanager:")
    assert external["spec"]["refreshInterval"] == "1m"
    assert external["spec"]["target"]["creationPolicy"] == "Owner"


def test_namespaced_secret_store_uses_the_eso_controller_identity():
    docs = render_named("production")
    store = one(docs, "SecretStore")
    assert store["spec"]["provider"]["aws"] == {"service": "SecretsManager", "region": "us-east-1"}
    ref = one(docs, "ExternalSecret")["spec"]["secretStoreRef"]
    assert ref == {"kind": "SecretStore", "name": store["metadata"]["name"]}


def test_cluster_secret_store_reference():
    docs = render_named("cluster-secret-store-values")
    assert not by_kind(docs, "SecretStore")
    assert one(docs, "ExternalSecret")["spec"]["secretStoreRef"] == {
        "kind": "ClusterSecretStore", "name": "aws-secrets-manager"}


def test_existing_secret_replaces_external_secrets():
    docs = render_named("existing-secret-values")
    assert not by_kind(docs, "ExternalSecret") and not by_kind(docs, "SecretStore")
    names = {e["valueFrom"]["secretKeyRef"]["name"] for e in app_container(docs)["env"]}
    assert names == {"users-api-credentials"}


def test_reloader_annotation_follows_the_secret():
    deployment = one(render_named("production"), "Deployment")
    assert deployment["metadata"]["annotations"]["secret.reloader.stakater.com/reload"] == "users-api"
    assert "secret.reloader.stakater.com/reload" not in one(render_named("default"), "Deployment")["metadata"]["annotations"]


# --- configuration -------------------------------------------------------------------------------

def test_company_name_flows_from_values_to_the_pod_env(values_file):
    company = 'Acme "Rockets" & Co: Ünïcode'
    docs = render(values_file({"config": {"companyName": company}}))
    config_map = one(docs, "ConfigMap", "users-api")
    assert config_map["data"]["COMPANY_NAME"] == company
    container = app_container(docs)
    assert {"configMapRef": {"name": config_map["metadata"]["name"]}} in container["envFrom"]
    test_env = {e["name"]: e["value"] for e in one(docs, "Pod")["spec"]["containers"][0]["env"]}
    assert test_env["EXPECTED"] == '"company":"Acme \\"Rockets\\" & Co: Ünïcode"'
    assert test_env["URL"] == "http://users-api:8000/"


def test_config_map_carries_the_app_settings():
    data = one(render_named("production"), "ConfigMap", "users-api")["data"]
    assert data.pop("JAVA_TOOL_OPTIONS"), "its value: test_default_jvm_options_are_the_images"
    assert data == {
        "COMPANY_NAME": "Acme Corporation", "LOG_FORMAT": "ecs", "CACHE_TTL_SECONDS": "120",
        "POSTGRES_HOST": "users-api.cluster-abcdefghijkl.us-east-1.rds.amazonaws.com",
        "POSTGRES_PORT": "5432", "POSTGRES_DB": "mydb", "POSTGRES_SSLMODE": "verify-full",
        "POSTGRES_SSLROOTCERT": "/etc/users-api/db-ca/ca-bundle.pem",
        "REDIS_HOST": "master.users-api.abcdef.use1.cache.amazonaws.com", "REDIS_PORT": "6379",
        "REDIS_TLS": "true", "PORT": "8000", "MANAGEMENT_PORT": "8081",
        "SHUTDOWN_TIMEOUT_SECONDS": "20", "HTTP_KEEP_ALIVE_TIMEOUT_SECONDS": "75",
    }


def test_default_jvm_options_are_the_images():
    """The chart replaces the image's JAVA_TOOL_OPTIONS. The image's AOT cache is trained with
    those and the bench measured them; a JVM on another collector skips the cache (start-up
    doubles) or refuses to start, and other drift (heap sizes) runs pods untested. -D options are
    left out: they do not tune the JVM."""
    dockerfile = (CHART.parent.parent / "code" / "Dockerfile").read_text()
    image_options = re.search(r'^ENV JAVA_TOOL_OPTIONS="([^"]*)"', dockerfile, re.MULTILINE).group(1)
    chart_options = one(render_named("default"), "ConfigMap", "users-api")["data"]["JAVA_TOOL_OPTIONS"]

    def vm_options(options):
        return [option for option in options.split() if option.startswith("-XX:")]

    assert re.findall(r"-XX:\+Use\w+GC", image_options), "the image's JAVA_TOOL_OPTIONS name no collector"
    assert vm_options(chart_options) == vm_options(image_options)


def _stand_in_values():
    """What every render starts from (conftest.REQUIRED_VALUES), as a dict."""
    return yaml.safe_load(REQUIRED_VALUES.read_text())


def _pod_annotations(docs):
    return one(docs, "Deployment")["spec"]["template"]["metadata"]["annotations"]


def test_database_ca_bundle_is_mounted_where_the_app_reads_it():
    """verify-full: the bundle from the values, mounted read-only, its path in POSTGRES_SSLROOTCERT."""
    docs = render_named("production")
    bundle = _stand_in_values()["database"]["caBundle"]
    ca = one(docs, "ConfigMap", "users-api-db-ca")
    assert ca["data"] == {"ca-bundle.pem": bundle}
    settings = one(docs, "ConfigMap", "users-api")["data"]
    assert settings["POSTGRES_SSLMODE"] == "verify-full"
    directory, file_name = settings["POSTGRES_SSLROOTCERT"].rsplit("/", 1)
    mount = next(m for m in app_container(docs)["volumeMounts"] if m["name"] == "db-ca")
    assert mount == {"name": "db-ca", "mountPath": directory, "readOnly": True}
    volumes = one(docs, "Deployment")["spec"]["template"]["spec"]["volumes"]
    volume = next(v for v in volumes if v["name"] == "db-ca")["configMap"]
    assert volume["name"] == "users-api-db-ca" and volume["items"] == [{"key": "ca-bundle.pem", "path": file_name}]


@pytest.mark.parametrize("mode", ["verify-ca", "verify-full"])
def test_verifying_ssl_modes_need_the_ca_bundle(values_file, mode):
    result = try_render(values_file({"database": {"sslMode": mode, "caBundle": ""}}))
    assert result.returncode != 0, "rendered a verifying sslmode without the CA bundle"
    assert f"database.caBundle is required with database.sslMode={mode}" in result.stderr, result.stderr


def test_require_without_a_bundle_mounts_nothing(values_file):
    docs = render(values_file({"database": {"sslMode": "require", "caBundle": ""}}))
    assert [c["metadata"]["name"] for c in by_kind(docs, "ConfigMap")] == ["users-api"]
    assert "POSTGRES_SSLROOTCERT" not in one(docs, "ConfigMap", "users-api")["data"]
    assert [m["name"] for m in app_container(docs)["volumeMounts"]] == ["tmp"]
    assert "checksum/db-ca" not in _pod_annotations(docs)


def test_a_new_ca_bundle_rolls_the_pods(values_file):
    """A rotated RDS bundle must reach running pods: the mounted file updates, but the JDBC driver
    reads it only for new connections, and a pod restart makes every connection use it."""
    bundle = _stand_in_values()["database"]["caBundle"]

    def annotations(values):
        return _pod_annotations(render(values_file(values)))
    doubled = annotations({"database": {"caBundle": bundle + bundle}})["checksum/db-ca"]
    assert annotations({})["checksum/db-ca"] != doubled


def test_config_change_rolls_the_pods(values_file):
    def checksum(values):
        return _pod_annotations(render(values_file(values)))
    before, after = checksum({}), checksum({"config": {"companyName": "Other"}})
    assert before["checksum/config"] != after["checksum/config"]
    moved = checksum({"externalSecrets": {"redis": {"remoteRef": {"key": "users-api/redis-v2"}}}})
    assert moved["checksum/secret-source"] != before["checksum/secret-source"]


def test_image_comes_from_the_values_and_digest_wins(values_file):
    """No default image: the tag (or digest) every install passes; the digest wins over the tag."""
    default = render_named("default")
    assert app_container(default)["image"] == "111122223333.dkr.ecr.us-east-1.amazonaws.com/users-api:0123456789ab"
    assert one(default, "Deployment")["metadata"]["labels"]["app.kubernetes.io/version"] == "0123456789ab"
    production = app_container(render_named("production"))["image"]
    assert production == ("111122223333.dkr.ecr.us-east-1.amazonaws.com/users-api@sha256:" + "0" * 64)
    digest_only = render(values_file({"image": {"tag": "", "digest": "sha256:" + "ab" * 32}}))
    assert app_container(digest_only)["image"].endswith("/users-api@sha256:" + "ab" * 32)
    assert one(digest_only, "Deployment")["metadata"]["labels"]["app.kubernetes.io/version"] == "ab" * 6


def test_redis_secret_default_is_terraforms_name():
    """terraform/modules/elasticache names the AUTH secret `<name>/redis-auth` (name: users-api)."""
    values = yaml.safe_load((CHART / "values.yaml").read_text())
    assert values["externalSecrets"]["redis"]["remoteRef"]["key"] == "users-api/redis-auth"


# --- pod spec ------------------------------------------------------------------------------------

def test_probes_use_the_management_port():
    container = app_container(render_named("default"))
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert ports == {"http": 8000, "management": 8081}
    expected = {"startupProbe": "/actuator/health/liveness", "livenessProbe": "/actuator/health/liveness",
                "readinessProbe": "/actuator/health/readiness"}
    for probe, path in expected.items():
        assert container[probe]["httpGet"] == {"path": path, "port": "management"}
    startup = container["startupProbe"]
    assert startup["periodSeconds"] * startup["failureThreshold"] >= 120, "allow a slow JVM start"


def test_probe_values_are_honoured(values_file):
    docs = render(values_file({"probes": {"readiness": {"path": "/ready", "periodSeconds": 7,
                                                        "timeoutSeconds": 3, "failureThreshold": 4}}}))
    readiness = app_container(docs)["readinessProbe"]
    assert readiness == {"httpGet": {"path": "/ready", "port": "management"}, "periodSeconds": 7,
                         "timeoutSeconds": 3, "failureThreshold": 4}


@pytest.mark.parametrize("name", VALUES_FILES)
def test_security_context(name):
    docs = render_named(name)
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == 10001
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    sc = app_container(docs)["securityContext"]
    assert sc["readOnlyRootFilesystem"] is True
    assert sc["allowPrivilegeEscalation"] is False
    assert sc["privileged"] is False
    assert sc["capabilities"] == {"drop": ["ALL"]}
    assert sc["runAsUser"] == 10001
    mounts = {m["mountPath"]: m["name"] for m in app_container(docs)["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "emptyDir" in volumes[mounts["/tmp"]]
    test_pod = one(docs, "Pod")["spec"]
    assert test_pod["securityContext"]["runAsNonRoot"] is True
    assert test_pod["containers"][0]["securityContext"]["readOnlyRootFilesystem"] is True


def test_rolling_update_and_graceful_shutdown():
    docs = render_named("default")
    spec = one(docs, "Deployment")["spec"]
    assert spec["strategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}}
    pod = spec["template"]["spec"]
    pre_stop = app_container(docs)["lifecycle"]["preStop"]["sleep"]["seconds"]
    assert pre_stop >= 10
    # preStop + Spring's graceful shutdown must fit in the grace period
    shutdown = int(one(docs, "ConfigMap", "users-api")["data"]["SHUTDOWN_TIMEOUT_SECONDS"])
    assert pod["terminationGracePeriodSeconds"] > pre_stop + shutdown
    ingress = one(docs, "Ingress")["metadata"]["annotations"]
    assert ingress["alb.ingress.kubernetes.io/target-group-attributes"] == "deregistration_delay.timeout_seconds=30"


def test_the_alb_closes_idle_connections_before_the_pod_does(values_file):
    """AWS: the target's keep-alive timeout must exceed the ALB's idle timeout, or the ALB may send a
    request into a connection the pod is closing and answer 502."""
    for values, idle in (({}, 60), ({"ingress": {"idleTimeoutSeconds": 300}}, 300)):
        docs = render(values_file(values))
        annotations = one(docs, "Ingress")["metadata"]["annotations"]
        assert annotations["alb.ingress.kubernetes.io/load-balancer-attributes"] == (
            f"idle_timeout.timeout_seconds={idle},routing.http.drop_invalid_header_fields.enabled=true")
        assert int(one(docs, "ConfigMap", "users-api")["data"]["HTTP_KEEP_ALIVE_TIMEOUT_SECONDS"]) == idle + 15


# One t3.small (README.md, "Sizing for one t3.small"): allocatable memory is its MemTotal (about
# 1850Mi) less kube-reserved (255Mi + 11Mi x the instance's ENI pod slots, 11: 376Mi; nodeadm does not
# count Terraform's maxPods 24) and the 100Mi eviction threshold; CPU is 2000m less 70m reserved.
# The system pods request (CoreDNS x 2, metrics-server, ESO x 3 and the LB controller as Terraform
# sizes them; aws-node, kube-proxy, the Pod Identity agent and Reloader request no memory):
NODE_ALLOCATABLE = {"cpu_m": 1930, "memory_mi": 1370}
SYSTEM_REQUESTS = {"cpu_m": 505, "memory_mi": 565}
# The app's peak RSS under load in the bench (code/Dockerfile: 359-371 MiB).
MEASURED_PEAK_MI = 371


def _mebibytes(quantity):
    return int(quantity.removesuffix("Mi"))


def test_memory_request_covers_the_measured_peak():
    """A request below what the pod uses lets the scheduler pack the node past its memory."""
    resources = app_container(render_named("default"))["resources"]
    assert MEASURED_PEAK_MI <= _mebibytes(resources["requests"]["memory"]) < _mebibytes(resources["limits"]["memory"])


def test_resources_fit_one_t3_small():
    """The HPA's maximum fits next to the system pods, and so does a rollout from the minimum
    (maxSurge 1: one extra pod)."""
    docs = render_named("default")
    resources = app_container(docs)["resources"]
    assert set(resources) == {"requests", "limits"}
    cpu_m = int(resources["requests"]["cpu"].rstrip("m"))
    mem_mi = _mebibytes(resources["requests"]["memory"])
    hpa = one(docs, "HorizontalPodAutoscaler")["spec"]
    surge = one(docs, "Deployment")["spec"]["strategy"]["rollingUpdate"]["maxSurge"]
    for pods in (hpa["maxReplicas"], hpa["minReplicas"] + surge):
        assert pods * cpu_m + SYSTEM_REQUESTS["cpu_m"] <= NODE_ALLOCATABLE["cpu_m"]
        assert pods * mem_mi + SYSTEM_REQUESTS["memory_mi"] <= NODE_ALLOCATABLE["memory_mi"], f"{pods} pods"


def test_topology_spread_tolerates_a_single_node():
    pod = one(render_named("default"), "Deployment")["spec"]["template"]["spec"]
    keys = {c["topologyKey"]: c for c in pod["topologySpreadConstraints"]}
    assert set(keys) == {"kubernetes.io/hostname", "topology.kubernetes.io/zone"}
    assert all(c["whenUnsatisfiable"] == "ScheduleAnyway" for c in keys.values())


# --- scaling and availability ---------------------------------------------------------------------

def test_hpa_scales_on_cpu_only():
    docs = render_named("default")
    hpa = one(docs, "HorizontalPodAutoscaler")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert (hpa["spec"]["minReplicas"], hpa["spec"]["maxReplicas"]) == (1, 2)
    assert hpa["spec"]["scaleTargetRef"] == {"apiVersion": "apps/v1", "kind": "Deployment", "name": "users-api"}
    targets = {m["resource"]["name"]: m["resource"]["target"] for m in hpa["spec"]["metrics"]}
    assert targets == {"cpu": {"type": "Utilization", "averageUtilization": 70}}, \
        "no memory target: a JVM's memory follows its heap sizing, not the load"
    assert "replicas" not in one(docs, "Deployment")["spec"], "the HPA owns the replica count"


def test_hpa_values_are_honoured(values_file):
    docs = render(values_file({"autoscaling": {"minReplicas": 2, "maxReplicas": 5,
                                               "targetCPUUtilizationPercentage": 60}}))
    hpa = one(docs, "HorizontalPodAutoscaler")["spec"]
    assert (hpa["minReplicas"], hpa["maxReplicas"]) == (2, 5)
    assert hpa["metrics"][0]["resource"]["target"]["averageUtilization"] == 60


def test_without_hpa_the_deployment_sets_replicas():
    docs = render_named("existing-secret-values")
    assert not by_kind(docs, "HorizontalPodAutoscaler")
    assert one(docs, "Deployment")["spec"]["replicas"] == 2


def test_pod_disruption_budget_selects_the_app():
    docs = render_named("default")
    pdb = one(docs, "PodDisruptionBudget")["spec"]
    assert pdb["maxUnavailable"] == 1
    assert pdb["selector"] == one(docs, "Deployment")["spec"]["selector"]


# --- networking ----------------------------------------------------------------------------------

def test_service_exposes_http_and_management():
    docs = render_named("default")
    service = one(docs, "Service")["spec"]
    assert service["type"] == "ClusterIP"
    assert {(p["name"], p["port"], p["targetPort"]) for p in service["ports"]} == {
        ("http", 8000, "http"), ("management", 8081, "management")}
    assert service["selector"] == one(docs, "Deployment")["spec"]["selector"]["matchLabels"]


def test_test_pod_is_a_hook_outside_the_service_selector():
    docs = render_named("default")
    pod = one(docs, "Pod")
    assert pod["metadata"]["annotations"]["helm.sh/hook"] == "test"
    selector = one(docs, "Service")["spec"]["selector"]
    assert not all(pod["metadata"]["labels"].get(k) == v for k, v in selector.items())


def test_ingress_alb_annotations_default():
    ingress = one(render_named("default"), "Ingress")
    a = ingress["metadata"]["annotations"]
    assert ingress["spec"]["ingressClassName"] == "alb"
    assert a["alb.ingress.kubernetes.io/scheme"] == "internet-facing"
    assert a["alb.ingress.kubernetes.io/target-type"] == "ip"
    assert a["alb.ingress.kubernetes.io/healthcheck-port"] == "8081"
    assert a["alb.ingress.kubernetes.io/healthcheck-path"] == "/actuator/health/readiness"
    assert a["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP": 80}]'
    assert "alb.ingress.kubernetes.io/certificate-arn" not in a
    assert "alb.ingress.kubernetes.io/ssl-redirect" not in a
    rule = ingress["spec"]["rules"][0]
    assert "host" not in rule
    assert rule["http"]["paths"][0]["backend"]["service"] == {"name": "users-api", "port": {"name": "http"}}


def test_ingress_https_with_acm_certificate_redirects_http():
    ingress = one(render_named("https-values"), "Ingress")
    a = ingress["metadata"]["annotations"]
    assert a["alb.ingress.kubernetes.io/certificate-arn"].startswith("arn:aws:acm:")
    assert a["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP": 80}, {"HTTPS": 443}]'
    assert a["alb.ingress.kubernetes.io/ssl-redirect"] == "443"
    assert a["alb.ingress.kubernetes.io/ssl-policy"].startswith("ELBSecurityPolicy-TLS13")
    assert a["alb.ingress.kubernetes.io/inbound-cidrs"] == "203.0.113.0/24"
    assert a["alb.ingress.kubernetes.io/group.name"] == "shared-public"
    assert ingress["spec"]["rules"][0]["host"] == "users.example.com"


def _leaves(node, prefix=""):
    if isinstance(node, dict) and node:
        for key, value in node.items():
            yield from _leaves(value, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix


def test_production_is_https_on_the_environments_host():
    """release.yml deploys values-production.yaml with the environment's host and certificate."""
    ingress = one(render_named("production"), "Ingress")
    annotations = ingress["metadata"]["annotations"]
    assert annotations["alb.ingress.kubernetes.io/listen-ports"] == '[{"HTTP": 80}, {"HTTPS": 443}]'
    assert annotations["alb.ingress.kubernetes.io/certificate-arn"].startswith("arn:aws:acm:")
    assert annotations["alb.ingress.kubernetes.io/ssl-redirect"] == "443"
    assert ingress["spec"]["rules"][0]["host"] == "users.example.com"


def test_production_values_leave_the_infrastructure_to_terraform():
    """values-production.yaml holds policy only: a key Terraform's helm_values also sets would be
    overridden by it (release.yml applies helm_values after this file), and an environment-specific
    value (host, certificate, image) belongs to the environment's variables."""
    production = set(_leaves(yaml.safe_load((CHART / "values-production.yaml").read_text())))
    terraform = set(_leaves(_stand_in_values()))
    assert not production & terraform
    assert not {p for p in production if p.startswith("image.")} | ({"ingress.host", "ingress.certificateArn"} & production)


def test_ingress_extra_annotations_and_disable():
    production = one(render_named("production"), "Ingress")["metadata"]["annotations"]
    assert production["alb.ingress.kubernetes.io/tags"] == "Project=users-api,Environment=production"
    assert not by_kind(render_named("existing-secret-values"), "Ingress")


def test_network_policy_ports_and_peers():
    docs = render_named("production")
    policy = one(docs, "NetworkPolicy", "users-api")["spec"]
    assert set(policy["policyTypes"]) == {"Ingress", "Egress"}
    first = policy["ingress"][0]
    assert {p["port"] for p in first["ports"]} == {"http", "management"}
    egress_ports = {p["port"] for rule in policy["egress"] for p in rule.get("ports", [])}
    assert egress_ports == {53, 5432, 6379}
    data_rule = next(r for r in policy["egress"] if r.get("to"))
    assert [b["ipBlock"]["cidr"] for b in data_rule["to"]] == ["10.0.200.0/24", "10.0.201.0/24"]
    test_policy = one(docs, "NetworkPolicy", "users-api-test")["spec"]
    assert test_policy["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "test"
    assert "443" not in str(test_policy)


def _ip_sources(policy):
    return [peer["ipBlock"]["cidr"] for rule in policy["ingress"] for peer in rule["from"] if "ipBlock" in peer]


def test_network_policy_admits_only_the_alb_subnets(values_file):
    """Pods get VPC addresses (VPC CNI): admitting the VPC CIDR would let every pod reach the API and
    the management port. Only the given ALB subnets are admitted, and nothing else by address."""
    policy = one(render(values_file({"networkPolicy": {"albCidrs": ["10.9.0.0/24"]}})), "NetworkPolicy", "users-api")["spec"]
    assert _ip_sources(policy) == ["10.9.0.0/24"]
    assert policy["ingress"][0]["from"] == [{"ipBlock": {"cidr": "10.9.0.0/24"}}]
    assert _ip_sources(one(render_named("default"), "NetworkPolicy", "users-api")["spec"]) == ["10.0.0.0/24", "10.0.1.0/24"]


def test_network_policy_needs_the_alb_subnets_only_with_an_ingress(values_file):
    result = try_render(values_file({"networkPolicy": {"albCidrs": []}}))
    assert result.returncode != 0 and "networkPolicy.albCidrs is required with ingress.enabled" in result.stderr
    policy = one(render_named("existing-secret-values"), "NetworkPolicy", "users-api")["spec"]
    assert policy["ingress"], "the test pod and metrics rules remain"
    no_alb = render(values_file({"ingress": {"enabled": False}, "networkPolicy": {"albCidrs": []}}))
    assert _ip_sources(one(no_alb, "NetworkPolicy", "users-api")["spec"]) == [], "port-forward only: no address admitted"


def test_https_egress_is_off_by_default(values_file):
    """The app calls no AWS API: no 443 egress unless asked for."""
    def egress_ports(docs):
        policy = one(docs, "NetworkPolicy", "users-api")["spec"]
        return {p["port"] for rule in policy["egress"] for p in rule.get("ports", [])}
    assert 443 not in egress_ports(render_named("default"))
    enabled = render(values_file({"networkPolicy": {"egress": {"https": {"enabled": True, "cidrs": ["10.0.50.0/24"]}}}}))
    assert 443 in egress_ports(enabled)


def test_network_policy_metrics_namespaces():
    policy = one(render_named("existing-secret-values"), "NetworkPolicy", "users-api")["spec"]
    metrics = policy["ingress"][-1]
    assert metrics["from"] == [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}]
    assert metrics["ports"] == [{"port": "management", "protocol": "TCP"}]


def test_service_account_for_pod_identity():
    docs = render_named("default")
    account = one(docs, "ServiceAccount")
    assert account["metadata"]["name"] == "users-api"
    assert account["automountServiceAccountToken"] is False
    assert one(docs, "Deployment")["spec"]["template"]["spec"]["serviceAccountName"] == "users-api"


# --- the helm test pod's script --------------------------------------------------------------------

def _run_test_pod_script(tmp_path, company_in_values, company_served):
    """Runs the test pod's shell script against a local stand-in of `GET /` (127.0.0.1 only)."""
    import http.server
    import json
    import os
    import subprocess
    import sys
    import threading

    docs = render(_write(tmp_path, {"config": {"companyName": company_in_values}}))
    container = one(docs, "Pod")["spec"]["containers"][0]
    body = json.dumps({"company": company_served, "service": "users-api", "version": "1", "docs": "/docs"},
                      ensure_ascii=False, separators=(",", ":")).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    # a stand-in for busybox wget -q -T 5 -O - URL
    shim = tmp_path / "bin" / "wget"
    shim.parent.mkdir()
    shim.write_text(f"#!{sys.executable}\nimport sys, urllib.request\n"
                    "sys.stdout.buffer.write(urllib.request.urlopen(sys.argv[-1], timeout=5).read())\n")
    shim.chmod(0o755)
    env = {e["name"]: e["value"] for e in container["env"]}
    env["URL"] = f"http://127.0.0.1:{server.server_port}/"
    env["PATH"] = f"{shim.parent}:{os.environ['PATH']}"
    try:
        return subprocess.run(container["command"], env=env, capture_output=True, text=True, timeout=60)
    finally:
        server.shutdown()


def _write(tmp_path, values):
    import yaml
    path = tmp_path / "values.yaml"
    path.write_text(yaml.safe_dump(values, allow_unicode=True))
    return path


def test_helm_test_script_passes_on_the_right_company(tmp_path):
    result = _run_test_pod_script(tmp_path, 'Acme "Rockets" & Co', 'Acme "Rockets" & Co')
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: found" in result.stdout


def test_helm_test_script_fails_on_another_company(tmp_path):
    result = _run_test_pod_script(tmp_path, "Acme", "Acme Rockets Ltd")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL" in result.stdout


# --- Pod Security Standards and optional parts -------------------------------------------------------

def _pod_specs(docs):
    for doc in docs:
        if doc["kind"] == "Pod":
            yield doc["metadata"]["name"], doc["spec"]
        elif doc["kind"] == "Deployment":
            yield doc["metadata"]["name"], doc["spec"]["template"]["spec"]


@pytest.mark.parametrize("name", VALUES_FILES)
def test_pods_meet_the_restricted_pod_security_standard(name):
    """The namespace can be labelled pod-security.kubernetes.io/enforce=restricted."""
    for pod_name, pod in _pod_specs(render_named(name)):
        assert not any(pod.get(k) for k in ("hostNetwork", "hostPID", "hostIPC")), pod_name
        assert all("hostPath" not in v for v in pod.get("volumes", [])), pod_name
        pod_sc = pod.get("securityContext", {})
        for container in pod["containers"] + pod.get("initContainers", []):
            sc = container.get("securityContext", {})
            where = f"{pod_name}/{container['name']}"
            assert sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) is True, where
            assert sc.get("allowPrivilegeEscalation") is False, where
            assert sc.get("capabilities", {}).get("drop") == ["ALL"], where
            assert not sc.get("capabilities", {}).get("add"), where
            seccomp = sc.get("seccompProfile", pod_sc.get("seccompProfile", {}))
            assert seccomp.get("type") == "RuntimeDefault", where
            assert sc.get("runAsUser", pod_sc.get("runAsUser", 1)) != 0, where
            assert "resources" in container and "limits" in container["resources"], where


def test_optional_parts_can_be_switched_off():
    docs = render_named("minimal-values")
    kinds = {d["kind"] for d in docs}
    assert not kinds & {"NetworkPolicy", "PodDisruptionBudget", "Ingress", "ServiceAccount"}
    pod = one(docs, "Deployment")["spec"]["template"]["spec"]
    assert pod["serviceAccountName"] == "users-api-preexisting"
    assert "topologySpreadConstraints" not in pod
    data = one(docs, "ConfigMap", "users-api")["data"]
    assert "JAVA_TOOL_OPTIONS" not in data and data["LOG_FORMAT"] == "", "text: the app's plain console log"


def test_values_schema_is_valid_draft7():
    import json

    import jsonschema

    from conftest import CHART
    schema = json.loads((CHART / "values.schema.json").read_text())
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["additionalProperties"] is False


def test_ingress_annotations_override_the_chart_defaults(values_file):
    override = {"alb.ingress.kubernetes.io/healthcheck-interval-seconds": "30",
                "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:eu-central-1:111122223333:regional/webacl/x/y"}
    docs = render(values_file({"ingress": {"annotations": override}}))
    annotations = one(docs, "Ingress")["metadata"]["annotations"]
    assert annotations["alb.ingress.kubernetes.io/healthcheck-interval-seconds"] == "30"
    assert annotations["alb.ingress.kubernetes.io/wafv2-acl-arn"].startswith("arn:aws:wafv2:")
    assert annotations["alb.ingress.kubernetes.io/target-type"] == "ip"


@pytest.mark.parametrize("log_format,rendered", [("json", "ecs"), ("ecs", "ecs"), ("logstash", "logstash"),
                                                 ("gelf", "gelf"), ("text", "")])
def test_log_format_maps_to_what_the_app_reads(values_file, log_format, rendered):
    docs = render(values_file({"config": {"logFormat": log_format}}))
    assert one(docs, "ConfigMap", "users-api")["data"]["LOG_FORMAT"] == rendered
