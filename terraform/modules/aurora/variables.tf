variable "name" {
  description = "Identifier of the Aurora cluster (and prefix of its related resources)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster."
  type        = string
}

variable "subnet_ids" {
  description = "Database subnets (no internet route) for the DB subnet group; at least 2 AZs."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on the PostgreSQL port (the EKS cluster security group). No CIDR ingress exists."
  type        = list(string)
}

variable "engine_version" {
  description = "Aurora PostgreSQL engine version at creation. Later changes are ignored (AWS upgrades minors itself, auto_minor_version_upgrade): upgrade with `aws rds modify-db-cluster`, then set the new version here."
  type        = string
  default     = "17.4"
}

variable "instance_class" {
  description = "Instance class of the writer (db.t4g.medium is the smallest provisioned Aurora PostgreSQL class)."
  type        = string
  default     = "db.t4g.medium"
}

variable "instance_count" {
  description = "Number of instances (1 = writer only; add readers for HA)."
  type        = number
  default     = 1

  validation {
    condition     = var.instance_count >= 1 && var.instance_count <= 3
    error_message = "instance_count must be between 1 and 3."
  }
}

variable "database_name" {
  description = "Name of the database created in the cluster (POSTGRES_DB): a lower-case PostgreSQL identifier, 1-63 letters, digits and underscores, starting with a letter."
  type        = string
  default     = "mydb"

  # Lower case: PostgreSQL folds unquoted identifiers, so an upper-case name needs quoting everywhere.
  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must be 1-63 lower-case letters, digits or underscores, starting with a letter."
  }
}

variable "master_username" {
  description = "Master user name; its password is generated and rotated by RDS in Secrets Manager."
  type        = string
  default     = "users_api"
}

variable "port" {
  description = "PostgreSQL port."
  type        = number
  default     = 5432
}

variable "backup_retention_days" {
  description = "Days of automated backups (point-in-time recovery window)."
  type        = number
  default     = 7

  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35
    error_message = "backup_retention_days must be 1..35."
  }
}

variable "log_retention_days" {
  description = "Retention of the exported PostgreSQL log group, in days: one of the values CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a CloudWatch Logs retention: 0 (never expire), 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "deletion_protection" {
  description = "Refuse to delete the cluster (set false before `destroy`)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip the final snapshot on delete. false keeps a snapshot named <name>-final (storage is billed until you delete it)."
  type        = bool
  default     = false
}

variable "apply_immediately" {
  description = "Apply modifications now instead of in the maintenance window."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
