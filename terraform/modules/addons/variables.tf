variable "cluster_name" {
  description = "Name of the EKS cluster the add-ons are installed in."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the cluster (the Load Balancer Controller cannot read it from IMDS: hop limit 1)."
  type        = string
}

variable "app_secret_arns" {
  description = "Exactly the Secrets Manager secrets External Secrets Operator may read: the RDS-managed master secret and the Redis AUTH secret."
  type        = list(string)
}

variable "app_secret_kms_key_arns" {
  description = "KMS keys encrypting app_secret_arns; ESO gets kms:Decrypt on them via Secrets Manager only."
  type        = list(string)
}

variable "external_secrets_namespace" {
  description = "Namespace of External Secrets Operator."
  type        = string
  default     = "external-secrets"
}

variable "external_secrets_service_account" {
  description = "Service account of the ESO controller (the Pod Identity association target)."
  type        = string
  default     = "external-secrets"
}

variable "external_secrets_chart_version" {
  description = "Version of the external-secrets Helm chart."
  type        = string
  default     = "0.19.2"
}

variable "app_namespace" {
  description = "Namespace of the application chart (helm/users-api): the deployer-rbac release binds deployer_group there, and creates it when create_app_namespace is true."
  type        = string
  default     = "users-api"
}

variable "create_app_namespace" {
  description = "Create app_namespace in the deployer-rbac release (labels: pod readiness gate injection, Pod Security restricted; kept on uninstall). false: the namespace must already exist."
  type        = bool
  default     = true
}

variable "deployer_group" {
  description = "Kubernetes group of the CI deploy role's EKS access entry (github-oidc output deploy_kubernetes_group); bound in app_namespace to a Role on external-secrets.io secretstores and externalsecrets, which AmazonEKSEditPolicy lacks."
  type        = string
  default     = "users-api-deployers"
}

variable "lbc_service_account" {
  description = "Service account of the AWS Load Balancer Controller in kube-system."
  type        = string
  default     = "aws-load-balancer-controller"
}

variable "lbc_chart_version" {
  description = "Version of the aws-load-balancer-controller Helm chart (eks-charts)."
  type        = string
  default     = "1.13.0"
}

variable "reloader_chart_version" {
  description = "Version of the Stakater reloader Helm chart (stakater-charts)."
  type        = string
  default     = "2.2.17"
}

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
