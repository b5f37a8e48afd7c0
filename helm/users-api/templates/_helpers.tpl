{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "users-api.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name. A release named like the chart (users-api) gives "users-api".
*/}}
{{- define "users-api.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "users-api.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "users-api.labels" -}}
helm.sh/chart: {{ include "users-api.chart" . }}
{{ include "users-api.selectorLabels" . }}
app.kubernetes.io/version: {{ include "users-api.version" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: users-api
{{- end }}

{{/*
Selector labels: stable for the life of a release (a Deployment selector is immutable).
*/}}
{{- define "users-api.selectorLabels" -}}
app.kubernetes.io/name: {{ include "users-api.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "users-api.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "users-api.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Version of the running image, for labels and NOTES: the tag, else the digest's first 12 hex digits.
*/}}
{{- define "users-api.version" -}}
{{- .Values.image.tag | default (.Values.image.digest | trimPrefix "sha256:" | trunc 12) }}
{{- end }}

{{/*
Image reference: repository@digest when a digest is set, else repository:tag.
*/}}
{{- define "users-api.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository .Values.image.tag }}
{{- end }}
{{- end }}

{{/*
Name of the Secret the pods read POSTGRES_USER, POSTGRES_PASSWORD and REDIS_PASSWORD from:
the existing one, or the one the ExternalSecret creates.
*/}}
{{- define "users-api.secretName" -}}
{{- if .Values.existingSecret }}
{{- .Values.existingSecret }}
{{- else }}
{{- include "users-api.fullname" . }}
{{- end }}
{{- end }}

{{/*
Name of the SecretStore the ExternalSecret reads from.
*/}}
{{- define "users-api.secretStoreName" -}}
{{- if .Values.externalSecrets.secretStore.create }}
{{- include "users-api.fullname" . }}
{{- else }}
{{- .Values.externalSecrets.secretStore.name }}
{{- end }}
{{- end }}

{{/*
Where the pods find database.caBundle (the db-ca ConfigMap, mounted read-only).
*/}}
{{- define "users-api.databaseCaDir" -}}
/etc/users-api/db-ca
{{- end }}

{{- define "users-api.databaseCaPath" -}}
{{ include "users-api.databaseCaDir" . }}/ca-bundle.pem
{{- end }}

{{/*
The environment the chart sets from its own values: the ConfigMap's data before config.extraEnv.
*/}}
{{- define "users-api.chartEnv" -}}
COMPANY_NAME: {{ .Values.config.companyName | quote }}
{{- /* the app's values: a Spring Boot structured format (json = ecs), or empty for plain text */}}
{{- $logFormats := dict "json" "ecs" "text" "" }}
LOG_FORMAT: {{ ternary (get $logFormats .Values.config.logFormat) .Values.config.logFormat (hasKey $logFormats .Values.config.logFormat) | quote }}
CACHE_TTL_SECONDS: {{ .Values.config.cacheTtlSeconds | quote }}
POSTGRES_HOST: {{ .Values.database.host | quote }}
POSTGRES_PORT: {{ .Values.database.port | quote }}
POSTGRES_DB: {{ .Values.database.name | quote }}
POSTGRES_SSLMODE: {{ .Values.database.sslMode | quote }}
{{- if .Values.database.caBundle }}
POSTGRES_SSLROOTCERT: {{ include "users-api.databaseCaPath" . | quote }}
{{- end }}
REDIS_HOST: {{ .Values.redis.host | quote }}
REDIS_PORT: {{ .Values.redis.port | quote }}
REDIS_TLS: {{ .Values.redis.tls | quote }}
PORT: {{ .Values.containerPorts.http | quote }}
MANAGEMENT_PORT: {{ .Values.containerPorts.management | quote }}
SHUTDOWN_TIMEOUT_SECONDS: {{ .Values.lifecycle.shutdownTimeoutSeconds | quote }}
{{- /* above the ALB's idle timeout, so the ALB closes idle connections first (values.yaml) */}}
HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: {{ add .Values.ingress.idleTimeoutSeconds 15 | quote }}
{{- with .Values.config.javaToolOptions }}
JAVA_TOOL_OPTIONS: {{ . | quote }}
{{- end }}
{{- end }}

{{/*
The variables the pods read from the credentials Secret (deployment.yaml).
*/}}
{{- define "users-api.secretEnvNames" -}}
{{- list "POSTGRES_USER" "POSTGRES_PASSWORD" "REDIS_PASSWORD" | toJson }}
{{- end }}

{{/*
Values only the infrastructure knows: empty by default, so a forgotten one fails the render instead
of deploying a placeholder. Terraform's helm_values output carries all but the image tag/digest.
*/}}
{{- define "users-api.required" -}}
{{- $es := .Values.externalSecrets }}
{{- $missing := dict
  "image.repository" (list .Values.image.repository "the ECR repository URL (Terraform output ecr_repository_url)")
  "image.tag or image.digest" (list (or .Values.image.tag .Values.image.digest) "the image the pipeline pushed; the chart has no default image")
  "database.host" (list .Values.database.host "the Aurora writer endpoint (Terraform output postgres_host)")
  "redis.host" (list .Values.redis.host "the ElastiCache primary endpoint (Terraform output redis_host)")
}}
{{- if $es.enabled }}
{{- $_ := set $missing "externalSecrets.database.remoteRef.key" (list $es.database.remoteRef.key "the ARN of the RDS-managed master secret (Terraform output postgres_secret_arn; RDS names it rds!cluster-...)") }}
{{- if $es.secretStore.create }}
{{- $_ := set $missing "externalSecrets.secretStore.region" (list $es.secretStore.region "the region of the secrets (Terraform output region)") }}
{{- end }}
{{- end }}
{{- range $name, $check := $missing }}
{{- if not (first $check) }}
{{- fail (printf "%s is required: %s. Terraform's helm_values output carries it (helm/users-api/README.md, \"Install\")" $name (last $check)) }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Checks across values that JSON Schema cannot express; each fails the render with a clear message.
*/}}
{{- define "users-api.validate" -}}
{{- include "users-api.required" . }}
{{- if and .Values.existingSecret .Values.externalSecrets.enabled }}
{{- fail "set either existingSecret or externalSecrets.enabled=true, not both" }}
{{- end }}
{{- if and (not .Values.existingSecret) (not .Values.externalSecrets.enabled) }}
{{- fail "the pods need credentials: enable externalSecrets or set existingSecret" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- if le (int .Values.lifecycle.terminationGracePeriodSeconds) (add (int .Values.lifecycle.preStopSleepSeconds) (int .Values.lifecycle.shutdownTimeoutSeconds)) }}
{{- fail "lifecycle.terminationGracePeriodSeconds must exceed preStopSleepSeconds + shutdownTimeoutSeconds" }}
{{- end }}
{{- /* one source for each variable: an extraEnv entry would duplicate a ConfigMap key or be shadowed by the Secret's */}}
{{- $fromValues := keys (include "users-api.chartEnv" . | fromYaml) }}
{{- $fromSecret := include "users-api.secretEnvNames" . | fromJsonArray }}
{{- range $name, $_ := .Values.config.extraEnv }}
{{- if has $name $fromValues }}
{{- fail (printf "config.extraEnv.%s: the chart sets %s from its own value; change that value instead (values.yaml names it)" $name $name) }}
{{- end }}
{{- if has $name $fromSecret }}
{{- fail (printf "config.extraEnv.%s: the pods read %s from the credentials Secret (externalSecrets or existingSecret)" $name $name) }}
{{- end }}
{{- end }}
{{- if and .Values.networkPolicy.enabled .Values.ingress.enabled (not .Values.networkPolicy.albCidrs) }}
{{- fail "networkPolicy.albCidrs is required with ingress.enabled: the CIDRs of the ALB's subnets (Terraform helm_values networkPolicy.albCidrs), the only sources the NetworkPolicy admits; without them the ALB could not reach the pods" }}
{{- end }}
{{- if and (has .Values.database.sslMode (list "verify-ca" "verify-full")) (not .Values.database.caBundle) }}
{{- fail (printf "database.caBundle is required with database.sslMode=%s: the PEM of Amazon's RDS CA bundle for the region (https://truststore.pki.rds.amazonaws.com/REGION/REGION-bundle.pem), passed as --set-file database.caBundle=FILE (release.yml does)" .Values.database.sslMode) }}
{{- end }}
{{- /* the image's Spring AOT context was generated with a separate management server */}}
{{- if eq (int .Values.containerPorts.http) (int .Values.containerPorts.management) }}
{{- fail "containerPorts.http and containerPorts.management must differ: the image runs a separate management server (Spring AOT settles that when it is built)" }}
{{- end }}
{{- end }}
