locals {
  slow_log_group = "/aws/elasticache/${var.name}/slow-log"
}

# One customer-managed key for the cache data at rest, the AUTH token secret and the slow log.
module "kms" {
  source = "../kms-key"

  description         = "ElastiCache ${var.name}: data at rest, the AUTH token secret and the slow log"
  alias               = "${var.name}-elasticache"
  logs_log_group_name = local.slow_log_group
  tags                = var.tags
}

# Slow-log entries carry the command name and argument count, never keys or values.
resource "aws_cloudwatch_log_group" "slow_log" {
  #checkov:skip=CKV_AWS_338:Retention is a variable (default 30 days) to keep the demo's log cost low; raise it for production.
  name              = local.slow_log_group
  retention_in_days = var.slow_log_retention_days
  kms_key_id        = module.kms.arn
  tags              = var.tags
}

# ---------------------------------------------------------------------------------------
# AUTH token: generated as an ephemeral value (never in state or plan), written to Secrets
# Manager through the write-only secret_string_wo, then read back for the replication group.
# The aws provider's `auth_token` is not write-only, so the token does end up in state twice
# (the data source below and the replication group, both marked sensitive): keep the state
# bucket private and encrypted. See terraform/README.md, "What stays in state".
# ---------------------------------------------------------------------------------------
ephemeral "aws_secretsmanager_random_password" "auth_token" {
  password_length     = 64
  exclude_punctuation = true # ElastiCache refuses @, " and / in AUTH tokens
}

resource "aws_secretsmanager_secret" "auth" {
  #checkov:skip=CKV2_AWS_57:Automatic rotation needs a Lambda that also calls ModifyReplicationGroup (ROTATE strategy); rotation is a documented manual step (bump auth_token_version).
  name                    = "${var.name}/redis-auth"
  description             = "AUTH token of ElastiCache ${var.name}, JSON {\"auth_token\": ...}; read by External Secrets Operator"
  kms_key_id              = module.kms.arn
  recovery_window_in_days = var.secret_recovery_window_days
  tags                    = var.tags
}

resource "aws_secretsmanager_secret_version" "auth" {
  secret_id                = aws_secretsmanager_secret.auth.id
  secret_string_wo         = jsonencode({ auth_token = ephemeral.aws_secretsmanager_random_password.auth_token.random_password })
  secret_string_wo_version = var.auth_token_version
}

data "aws_secretsmanager_secret_version" "auth" {
  secret_id  = aws_secretsmanager_secret.auth.id
  version_id = aws_secretsmanager_secret_version.auth.version_id
}

# ---------------------------------------------------------------------------------------
# Network
# ---------------------------------------------------------------------------------------
resource "aws_elasticache_subnet_group" "this" {
  name        = var.name
  description = "Database subnets of ${var.name}"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "ElastiCache ${var.name}: ${var.port}/tcp from the EKS cluster only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-redis" })
}

resource "aws_vpc_security_group_ingress_rule" "redis" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "Redis from the EKS cluster security group"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = each.value
  tags                         = var.tags
}

# ---------------------------------------------------------------------------------------
# Replication group: one cache.t4g.micro primary, no replicas
# ---------------------------------------------------------------------------------------
resource "aws_elasticache_replication_group" "this" {
  #checkov:skip=CKV2_AWS_50:Automatic failover needs a replica; one cache.t4g.micro node is the sizing asked for (the app falls back to PostgreSQL when Redis is down).
  replication_group_id = var.name
  description          = "users-api cache (${var.name})"
  engine               = "redis"
  engine_version       = var.engine_version
  node_type            = var.node_type
  port                 = var.port
  parameter_group_name = "default.redis${split(".", var.engine_version)[0]}"

  num_cache_clusters         = 1
  automatic_failover_enabled = false
  multi_az_enabled           = false

  subnet_group_name  = aws_elasticache_subnet_group.this.name
  security_group_ids = [aws_security_group.this.id]

  at_rest_encryption_enabled = true
  kms_key_id                 = module.kms.arn
  transit_encryption_enabled = true
  transit_encryption_mode    = "required"
  auth_token                 = jsondecode(data.aws_secretsmanager_secret_version.auth.secret_string).auth_token
  auth_token_update_strategy = "ROTATE"

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow_log.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = "03:00-04:00"
  maintenance_window         = "sun:05:00-sun:06:00"
  auto_minor_version_upgrade = true
  apply_immediately          = var.apply_immediately

  tags = var.tags
}
