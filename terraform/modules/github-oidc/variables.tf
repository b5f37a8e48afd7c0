variable "name" {
  description = "Name prefix of the CI roles."
  type        = string
}

variable "github_repository" {
  description = "GitHub repository allowed to assume the roles, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "deploy_subjects" {
  description = "OIDC `sub` patterns (after repo:<owner/name>:) allowed to assume the deploy role: push images and deploy. Default: the `production` environment only (release.yml's job runs there, behind its required reviewers); a branch subject would let a job without the environment skip them."
  type        = list(string)
  default     = ["environment:production"]
}

variable "plan_subjects" {
  description = "OIDC `sub` patterns (after repo:<owner/name>:) allowed to assume the read-only plan role. Default: pull requests and main."
  type        = list(string)
  default     = ["pull_request", "ref:refs/heads/main"]
}

variable "create_oidc_provider" {
  description = "Create the token.actions.githubusercontent.com OIDC provider (one per account). false: reuse the existing one."
  type        = bool
  default     = true
}

variable "ecr_repository_arn" {
  description = "ECR repository the deploy role may push to."
  type        = string
}

variable "ecr_kms_key_arn" {
  description = "KMS key of the ECR repository (pushing encrypts layers with it)."
  type        = string
}

variable "cluster_name" {
  description = "EKS cluster the deploy role deploys to."
  type        = string
}

variable "cluster_arn" {
  description = "ARN of that EKS cluster."
  type        = string
}

variable "deploy_namespace" {
  description = "The only Kubernetes namespace the deploy role may change (AmazonEKSEditPolicy scoped to it)."
  type        = string
  default     = "users-api"
}

variable "deploy_kubernetes_group" {
  description = "Kubernetes group the deploy role's access entry carries. Bind it in deploy_namespace to what AmazonEKSEditPolicy lacks (the addons module's deployer-rbac release does: External Secrets Operator SecretStores and ExternalSecrets). Must not start with system:."
  type        = string
  default     = "users-api-deployers"

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.:_-]*$", var.deploy_kubernetes_group)) && !startswith(var.deploy_kubernetes_group, "system:")
    error_message = "deploy_kubernetes_group must be a plain group name (lower case, digits, . : _ -) and must not start with system: (EKS rejects those)."
  }
}

variable "plan_view_namespaces" {
  description = "Namespaces the plan role may read, secrets included (AmazonEKSAdminViewPolicy): the helm provider reads its release records, stored as Secrets in the releases' namespaces. The app namespace is deliberately not in the list: its Secret holds the DB password."
  type        = list(string)
  default     = ["kube-system", "external-secrets"]
}

variable "state_bucket" {
  description = "S3 bucket of the Terraform state; the plan role may read it and write only the lock file. Empty: no state permissions."
  type        = string
  default     = ""
}

variable "state_key" {
  description = "Key of the state object in the bucket."
  type        = string
  default     = "users-api/terraform.tfstate"
}

variable "plan_readable_secret_arns" {
  description = "Secrets the plan role may read because a refresh reads them (the Redis AUTH secret read back by a data source)."
  type        = list(string)
  default     = []
}

variable "state_kms_key_arn" {
  description = "KMS key of the state bucket (backend kms_key_id): the plan role may decrypt the state and generate data keys for its lock file, through S3 only. Empty: none."
  type        = string
  default     = ""
}

variable "plan_kms_key_arns" {
  description = "KMS keys of plan_readable_secret_arns; the plan role may decrypt with them through Secrets Manager only."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
