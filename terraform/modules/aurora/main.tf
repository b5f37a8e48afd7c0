locals {
  family = "aurora-postgresql${split(".", var.engine_version)[0]}"
  # The group RDS writes the exported PostgreSQL log to (it would create it itself, unencrypted
  # and never expiring, if it did not exist).
  log_group = "/aws/rds/cluster/${var.name}/postgresql"
}

# One customer-managed key for the storage, Performance Insights, the RDS-managed master
# secret and the PostgreSQL log group, so the External Secrets role can be granted kms:Decrypt
# on exactly this key.
module "kms" {
  source = "../kms-key"

  description         = "Aurora ${var.name}: storage, Performance Insights, the master user secret and the PostgreSQL log"
  alias               = "${var.name}-aurora"
  logs_log_group_name = local.log_group
  tags                = var.tags
}

# log_connections writes client IPs into this log: encrypted and with a bounded retention.
resource "aws_cloudwatch_log_group" "postgresql" {
  #checkov:skip=CKV_AWS_338:Retention is a variable (default 30 days) to keep the demo's log cost low; raise it for production.
  name              = local.log_group
  retention_in_days = var.log_retention_days
  kms_key_id        = module.kms.arn
  tags              = var.tags
}

resource "aws_db_subnet_group" "this" {
  name        = var.name
  description = "Database subnets of ${var.name}"
  subnet_ids  = var.subnet_ids
  tags        = var.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-aurora"
  description = "Aurora PostgreSQL ${var.name}: ${var.port}/tcp from the EKS cluster only"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-aurora" })
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  for_each = toset(var.allowed_security_group_ids)

  security_group_id            = aws_security_group.this.id
  description                  = "PostgreSQL from the EKS cluster security group"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = each.value
  tags                         = var.tags
}

resource "aws_rds_cluster_parameter_group" "this" {
  # A prefix, not a fixed name: create_before_destroy creates the replacement (a new family on a
  # major upgrade) while the old group still exists.
  name_prefix = "${var.name}-${local.family}-"
  family      = local.family
  description = "${var.name}: TLS required, connection logging"

  # Clients must use TLS (the app connects with sslmode=verify-full).
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }

  parameter {
    name  = "log_connections"
    value = "1"
  }

  parameter {
    name  = "log_min_duration_statement"
    value = "500"
  }

  tags = var.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_rds_cluster" "this" {
  #checkov:skip=CKV2_AWS_8:Aurora's own automated backups (backup_retention_days, point-in-time restore) are the backup plan of this demo; an AWS Backup plan would be extra cost.
  #checkov:skip=CKV2_AWS_27:Query logging (log_statement) is not enabled on purpose: it would write personal data (users' emails) to CloudWatch; connections and slow statements are logged.
  cluster_identifier = var.name
  engine             = "aurora-postgresql"
  engine_mode        = "provisioned"
  engine_version     = var.engine_version
  database_name      = var.database_name
  port               = var.port

  master_username               = var.master_username
  manage_master_user_password   = true
  master_user_secret_kms_key_id = module.kms.arn

  db_subnet_group_name            = aws_db_subnet_group.this.name
  vpc_security_group_ids          = [aws_security_group.this.id]
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.this.name

  storage_encrypted                   = true
  kms_key_id                          = module.kms.arn
  iam_database_authentication_enabled = true

  backup_retention_period      = var.backup_retention_days
  preferred_backup_window      = "03:00-04:00"
  preferred_maintenance_window = "sun:04:30-sun:05:30"
  copy_tags_to_snapshot        = true
  deletion_protection          = var.deletion_protection
  skip_final_snapshot          = var.skip_final_snapshot
  final_snapshot_identifier    = var.skip_final_snapshot ? null : "${var.name}-final"

  enabled_cloudwatch_logs_exports = ["postgresql"]
  apply_immediately               = var.apply_immediately

  tags = var.tags

  # auto_minor_version_upgrade moves the engine to newer minors; the next plan must not try to downgrade.
  lifecycle {
    ignore_changes = [engine_version]
  }

  depends_on = [aws_cloudwatch_log_group.postgresql]
}

resource "aws_rds_cluster_instance" "this" {
  count = var.instance_count

  #checkov:skip=CKV_AWS_118:Enhanced Monitoring needs its own IAM role and bills CloudWatch Logs; Performance Insights (free tier) covers this demo.
  identifier                            = "${var.name}-${count.index + 1}"
  cluster_identifier                    = aws_rds_cluster.this.id
  engine                                = aws_rds_cluster.this.engine
  engine_version                        = aws_rds_cluster.this.engine_version # the cluster's, drift ignored there
  instance_class                        = var.instance_class
  db_subnet_group_name                  = aws_db_subnet_group.this.name
  publicly_accessible                   = false
  auto_minor_version_upgrade            = true
  ca_cert_identifier                    = "rds-ca-rsa2048-g1"
  performance_insights_enabled          = true
  performance_insights_kms_key_id       = module.kms.arn
  performance_insights_retention_period = 7
  apply_immediately                     = var.apply_immediately

  tags = var.tags
}
