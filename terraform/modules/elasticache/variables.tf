variable "name" {
  description = "Replication group ID (and prefix of the related resources)."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cache."
  type        = string
}

variable "subnet_ids" {
  description = "Subnets of the cache subnet group (the database subnets)."
  type        = list(string)
}

variable "allowed_security_group_ids" {
  description = "Security groups allowed to connect on the Redis port (the EKS cluster security group). No CIDR ingress exists."
  type        = list(string)
}

variable "node_type" {
  description = "Cache node type."
  type        = string
  default     = "cache.t4g.micro"
}

variable "engine_version" {
  description = "Redis OSS engine version."
  type        = string
  default     = "7.1"
}

variable "port" {
  description = "Redis port."
  type        = number
  default     = 6379
}

variable "snapshot_retention_days" {
  description = "Days of automatic snapshots (0 disables them)."
  type        = number
  default     = 1
}

variable "slow_log_retention_days" {
  description = "Retention of the slow-log group, in days: one of the values CloudWatch Logs accepts (0 = never expire)."
  type        = number
  default     = 30

  validation {
    condition     = contains([0, 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.slow_log_retention_days)
    error_message = "slow_log_retention_days must be a CloudWatch Logs retention: 0 (never expire), 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "auth_token_version" {
  description = "Bump to generate and store a new AUTH token (write-only secret version). See the README for the rotation steps."
  type        = number
  default     = 1
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the AUTH token secret when it is deleted: 7-30 days, or 0 to delete at once (handy for demo teardown)."
  type        = number
  default     = 7

  validation {
    condition     = var.secret_recovery_window_days == 0 || (var.secret_recovery_window_days >= 7 && var.secret_recovery_window_days <= 30)
    error_message = "secret_recovery_window_days must be 0 or 7-30 (the Secrets Manager limits)."
  }
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
