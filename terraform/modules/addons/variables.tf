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

variable "tags" {
  description = "Extra tags for the resources of this module."
  type        = map(string)
  default     = {}
}
