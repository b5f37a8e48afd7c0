"""values.schema.json (and the chart's own checks) reject bad values before anything is rendered.

Each case is a values override that `helm template` must refuse, with a fragment of the error it
must print, so a case cannot pass because the render failed for an unrelated reason.
"""
import pytest

from conftest import try_render

ARN_DB = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:rds!cluster-abc-AbCdEf"

REJECTED = {
    # no key can carry a secret value
    "database password in values": ({"database": {"password": "hunter2"}}, "password"),
    "redis password in values": ({"redis": {"password": "hunter2"}}, "password"),
    "redis auth token in values": ({"redis": {"authToken": "hunter2"}}, "authToken"),
    "secret value beside a remoteRef": (
        {"externalSecrets": {"database": {"remoteRef": {"value": "hunter2"}}}}, "value"),
    "top-level secrets map": ({"secrets": {"POSTGRES_PASSWORD": "hunter2"}}, "secrets"),
    "secret-looking extraEnv name": ({"config": {"extraEnv": {"POSTGRES_PASSWORD": "x"}}}, "invalid propertyName 'POSTGRES_PASSWORD'"),
    "token in extraEnv": ({"config": {"extraEnv": {"GITHUB_TOKEN": "x"}}}, "invalid propertyName 'GITHUB_TOKEN'"),
    "lower-case extraEnv name": ({"config": {"extraEnv": {"foo": "bar"}}}, "invalid propertyName 'foo'"),
    "object as extraEnv value": ({"config": {"extraEnv": {"FOO": {"valueFrom": {}}}}}, "extraEnv"),
    # types, ranges and enums
    "unknown top-level key": ({"replicas": 2}, "replicas"),
    "replicaCount zero": ({"replicaCount": 0}, "replicaCount"),
    "port as a string": ({"service": {"port": "8000"}}, "port"),
    "port out of range": ({"containerPorts": {"http": 70000}}, "http"),
    "bad log format": ({"config": {"logFormat": "xml"}}, "logFormat"),
    "bad sslmode": ({"database": {"sslMode": "required"}}, "sslMode"),
    "CA bundle that is no certificate": ({"database": {"caBundle": "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"}},
                                         "caBundle"),
    "empty company name": ({"config": {"companyName": ""}}, "companyName"),
    "bad image digest": ({"image": {"digest": "sha256:1234"}}, "digest"),
    "image tag with a colon": ({"image": {"tag": "v1:2"}}, "tag"),
    "maxUnavailable above zero": ({"strategy": {"maxUnavailable": 1}}, "maxUnavailable"),
    "HPA target above 100%": ({"autoscaling": {"targetCPUUtilizationPercentage": 150}}, "targetCPUUtilizationPercentage"),
    "not an ACM certificate ARN": ({"ingress": {"certificateArn": "arn:aws:iam::111122223333:server-certificate/x"}},
                                   "certificateArn"),
    "bad ingress scheme": ({"ingress": {"scheme": "public"}}, "scheme"),
    "ALB idle timeout above its maximum": ({"ingress": {"idleTimeoutSeconds": 4001}}, "idleTimeoutSeconds"),
    "bad refresh interval": ({"externalSecrets": {"refreshInterval": "hourly"}}, "refreshInterval"),
    "bad secret store kind": ({"externalSecrets": {"secretStore": {"kind": "Vault"}}}, "kind"),
    "bad region": ({"externalSecrets": {"secretStore": {"region": "Frankfurt"}}}, "region"),
    "empty redis remote key": ({"externalSecrets": {"redis": {"remoteRef": {"key": ""}}}}, "key"),
    "bad CIDR": ({"networkPolicy": {"albCidrs": ["10.0.0.0"]}}, "albCidrs"),
    "the old VPC-wide ingressCidrs": ({"networkPolicy": {"ingressCidrs": ["10.0.0.0/16"]}}, "ingressCidrs"),
    "resources without limits": ({"resources": {"limits": None}}, "limits"),
    "memory quantity typo": ({"resources": {"requests": {"memory": "320MB"}}}, "memory"),
    # cross-field rules enforced by the templates (users-api.validate)
    "existingSecret and externalSecrets together": (
        {"existingSecret": "creds"}, "not both"),
    "no credentials source": ({"externalSecrets": {"enabled": False}}, "need credentials"),
    "HPA min above max": ({"autoscaling": {"minReplicas": 3, "maxReplicas": 2}}, "minReplicas"),
    "grace period shorter than shutdown": (
        {"lifecycle": {"terminationGracePeriodSeconds": 20}}, "terminationGracePeriodSeconds"),
    "grace period shorter than a longer shutdown timeout": (
        {"lifecycle": {"shutdownTimeoutSeconds": 40}}, "shutdownTimeoutSeconds"),
    "management on the API port": ({"containerPorts": {"management": 8000}}, "must differ"),
    # values only the infrastructure knows have no default: a missing one is named, with its source
    "no image repository": ({"image": {"repository": ""}}, "image.repository is required: the ECR repository URL"),
    "neither image tag nor digest": ({"image": {"tag": "", "digest": ""}}, "image.tag or image.digest is required"),
    "no database host": ({"database": {"host": ""}}, "database.host is required: the Aurora writer endpoint"),
    "no redis host": ({"redis": {"host": ""}}, "redis.host is required: the ElastiCache primary endpoint"),
    "no secrets region": ({"externalSecrets": {"secretStore": {"region": ""}}},
                          "externalSecrets.secretStore.region is required"),
    "no database secret": ({"externalSecrets": {"database": {"remoteRef": {"key": ""}}}},
                           "externalSecrets.database.remoteRef.key is required: the ARN of the RDS-managed master secret"),
    # one source per variable: a duplicate ConfigMap key is ambiguous, a Secret's variable shadows it
    "extraEnv setting a variable the chart sets": (
        {"config": {"extraEnv": {"COMPANY_NAME": "Other"}}}, "config.extraEnv.COMPANY_NAME: the chart sets"),
    "extraEnv setting the derived keep-alive": (
        {"config": {"extraEnv": {"HTTP_KEEP_ALIVE_TIMEOUT_SECONDS": 30}}}, "config.extraEnv.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS"),
    "extraEnv setting a credentials variable": (
        {"config": {"extraEnv": {"POSTGRES_USER": "admin"}}}, "read POSTGRES_USER from the credentials Secret"),
}


@pytest.mark.parametrize("override,fragment", REJECTED.values(), ids=REJECTED.keys())
def test_bad_values_are_rejected(values_file, override, fragment):
    result = try_render(values_file(override))
    assert result.returncode != 0, "helm template accepted bad values"
    assert fragment in result.stderr, result.stderr


def test_the_defaults_alone_do_not_render():
    """values.yaml holds no placeholder image, host or secret: an install without the Terraform
    values fails at once and says what is missing, instead of deploying pods that cannot start."""
    result = try_render(required=False)
    assert result.returncode != 0, "helm template rendered the chart without the infrastructure values"
    assert "is required" in result.stderr and "helm_values" in result.stderr, result.stderr


def test_region_and_database_secret_are_not_needed_without_external_secrets(values_file):
    override = {"existingSecret": "users-api-credentials",
                "externalSecrets": {"enabled": False, "secretStore": {"region": ""},
                                    "database": {"remoteRef": {"key": ""}}}}
    result = try_render(values_file(override))
    assert result.returncode == 0, result.stderr


ACCEPTED = {
    "secret ARN as remote key": {"externalSecrets": {"database": {"remoteRef": {"key": ARN_DB}}}},
    "existing secret only": {"existingSecret": "users-api-credentials", "externalSecrets": {"enabled": False}},
    "non-secret extraEnv": {"config": {"extraEnv": {"SPRING_PROFILES_ACTIVE": "aws", "HIKARI_MAX_POOL": 5}}},
    "JAVA_TOOL_OPTIONS in extraEnv when config.javaToolOptions is empty": {
        "config": {"javaToolOptions": "", "extraEnv": {"JAVA_TOOL_OPTIONS": "-XX:+UseG1GC -Xmx200m"}}},
    "digest-pinned image": {"image": {"digest": "sha256:" + "a" * 64}},
    "percent surge": {"strategy": {"maxSurge": "25%"}},
}


@pytest.mark.parametrize("override", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_good_values_are_accepted(values_file, override):
    result = try_render(values_file(override))
    assert result.returncode == 0, result.stderr
