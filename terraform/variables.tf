variable "region" {
  description = "AWS region of every resource."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = can(regex("^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must look like us-east-1."
  }
}

variable "name" {
  description = "Name of the deployment, prefix of every resource name (lowercase, digits, dashes)."
  type        = string
  default     = "users-api"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,22}[a-z0-9]$", var.name))
    error_message = "name must be 3-24 characters of lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment name, used in tags."
  type        = string
  default     = "dev"
}

variable "tags" {
  description = "Extra tags added to every resource through the provider's default_tags."
  type        = map(string)
  default     = {}
}

# --- network -----------------------------------------------------------------------------
variable "availability_zones" {
  description = "Two (or three) AZs to use; null picks the first two available in the region."
  type        = list(string)
  default     = null

  validation {
    condition     = var.availability_zones == null || try(length(var.availability_zones) >= 2 && length(var.availability_zones) <= 3, false)
    error_message = "availability_zones must hold 2 or 3 zones (or be null)."
  }
}

variable "vpc_cidr" {
  description = "IPv4 CIDR of the VPC (/16 to /20)."
  type        = string
  default     = "10.0.0.0/16"
}

variable "single_nat_gateway" {
  description = "One shared NAT gateway (cost) instead of one per AZ (availability)."
  type        = bool
  default     = true
}

variable "enable_flow_logs" {
  description = "VPC flow logs (accepted and rejected traffic) to a KMS-encrypted CloudWatch Logs group: the record of who talked to what, for incident response. About $1.25/month at this stack's traffic (docs/cost.md)."
  type        = bool
  default     = true
}

# --- EKS -----------------------------------------------------------------------------------
variable "kubernetes_version" {
  description = "EKS Kubernetes version (a version in standard support)."
  type        = string
  default     = "1.34"
}

variable "cluster_endpoint_public_access_cidrs" {
  description = "IPv4 CIDRs allowed to reach the public Kubernetes API endpoint (e.g. your egress IP /32), each /16 or narrower: 0.0.0.0/0, and broad ranges that add up to it, are refused."
  type        = list(string)

  validation {
    condition     = length(var.cluster_endpoint_public_access_cidrs) > 0 && alltrue([for c in var.cluster_endpoint_public_access_cidrs : can(regex("^[0-9.]+/(1[6-9]|2[0-9]|3[0-2])$", c)) && can(cidrhost(c, 0))])
    error_message = "Give at least one IPv4 CIDR with a prefix of /16 to /32 (your egress IP /32); 0.0.0.0/0 and other broad ranges are refused."
  }
}

variable "cluster_admin_principal_arns" {
  description = "IAM roles/users (not STS session ARNs) that get cluster-admin access entries: whoever runs apply (the Helm releases need it) and the CI apply role. Not the CI plan/deploy roles, which have entries of their own. Required: the cluster has no other admin."
  type        = list(string)

  validation {
    condition     = length(var.cluster_admin_principal_arns) > 0 && alltrue([for a in var.cluster_admin_principal_arns : can(regex("^arn:aws(-cn|-us-gov)?:iam::[0-9]{12}:(role|user)/([A-Za-z0-9+=,.@_-]+/)*[A-Za-z0-9+=,.@_-]+$", a))])
    error_message = "Give at least one IAM role or user ARN (arn:aws:iam::<account>:role/<name> or :user/<name>); an assumed-role session ARN (arn:aws:sts::...) does not work in an access entry."
  }
}

variable "node_instance_type" {
  description = "Instance type of the single managed node."
  type        = string
  default     = "t3.small"
}

variable "node_count" {
  description = "Number of nodes (min = max = desired)."
  type        = number
  default     = 1

  validation {
    condition     = var.node_count >= 1 && var.node_count <= 5
    error_message = "node_count must be between 1 and 5."
  }
}

variable "node_max_pods" {
  description = "kubelet maxPods per node (VPC CNI prefix delegation provides the IPs)."
  type        = number
  default     = 24
}

# --- data stores -----------------------------------------------------------------------------
variable "aurora_engine_version" {
  description = "Aurora PostgreSQL engine version at creation; later changes are ignored, since AWS upgrades minors itself (modules/aurora: how to upgrade)."
  type        = string
  default     = "17.4"
}

variable "aurora_instance_class" {
  description = "Aurora instance class."
  type        = string
  default     = "db.t4g.medium"
}

variable "database_name" {
  description = "Database name (POSTGRES_DB): a lower-case PostgreSQL identifier (letters, digits, underscores; starts with a letter)."
  type        = string
  default     = "mydb"
}

variable "deletion_protection" {
  description = "Deletion protection of the Aurora cluster (set false, apply, then destroy)."
  type        = bool
  default     = true
}

variable "skip_final_snapshot" {
  description = "Skip Aurora's final snapshot on destroy."
  type        = bool
  default     = false
}

variable "backup_retention_days" {
  description = "Aurora automated backup retention, in days."
  type        = number
  default     = 7
}

variable "redis_node_type" {
  description = "ElastiCache node type."
  type        = string
  default     = "cache.t4g.micro"
}

variable "redis_auth_token_version" {
  description = "Bump to rotate the Redis AUTH token (a new write-only secret version)."
  type        = number
  default     = 1
}

variable "secret_recovery_window_days" {
  description = "Recovery window of the Redis AUTH secret on delete: 7-30 days, or 0 for immediate deletion in throwaway environments."
  type        = number
  default     = 7
}

# --- registry, app, CI -----------------------------------------------------------------------
variable "ecr_force_delete" {
  description = "Allow destroy to delete the ECR repository with images in it."
  type        = bool
  default     = false
}

variable "app_namespace" {
  description = "Kubernetes namespace of the application (the deploy role may edit only this one): a DNS-1123 label."
  type        = string
  default     = "users-api"

  validation {
    condition     = length(var.app_namespace) <= 63 && can(regex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", var.app_namespace))
    error_message = "app_namespace must be a DNS-1123 label: at most 63 lower-case letters, digits and dashes, starting and ending with a letter or digit."
  }
}

variable "app_service_account" {
  description = "Kubernetes service account of the application (informational: the app itself needs no AWS permissions)."
  type        = string
  default     = "users-api"
}

variable "github_repository" {
  description = "GitHub repository (owner/name) whose workflows may assume the CI roles."
  type        = string
  default     = "example-org/users-api"
}

variable "create_github_oidc_provider" {
  description = "Create the GitHub OIDC provider (false if the account already has one)."
  type        = bool
  default     = true
}

variable "state_bucket" {
  description = "S3 bucket of this configuration's state (from ./bootstrap), so the plan role can read it. Empty: none."
  type        = string
  default     = ""
}

variable "state_kms_key_arn" {
  description = "KMS key of the state bucket (output state_kms_key_arn of ./bootstrap, also backend.hcl's kms_key_id), so the plan role can decrypt the state and write its lock file. Empty: none."
  type        = string
  default     = ""
}

variable "external_secrets_chart_version" {
  description = "Version of the external-secrets Helm chart."
  type        = string
  default     = "0.19.2"
}

variable "lbc_chart_version" {
  description = "Version of the aws-load-balancer-controller Helm chart."
  type        = string
  default     = "1.13.0"
}

variable "reloader_chart_version" {
  description = "Version of the Stakater reloader Helm chart (restarts the app after a secret rotation)."
  type        = string
  default     = "2.2.17"
}
