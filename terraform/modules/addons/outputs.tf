output "external_secrets_role_arn" {
  description = "IAM role External Secrets Operator assumes through Pod Identity."
  value       = aws_iam_role.external_secrets.arn
}

output "external_secrets_pod_identity" {
  description = "Namespace and service account bound to the ESO role."
  value = {
    namespace       = aws_eks_pod_identity_association.external_secrets.namespace
    service_account = aws_eks_pod_identity_association.external_secrets.service_account
  }
}

output "lbc_role_arn" {
  description = "IAM role the AWS Load Balancer Controller assumes through Pod Identity."
  value       = aws_iam_role.lbc.arn
}

output "lbc_pod_identity" {
  description = "Namespace and service account bound to the Load Balancer Controller role."
  value = {
    namespace       = aws_eks_pod_identity_association.lbc.namespace
    service_account = aws_eks_pod_identity_association.lbc.service_account
  }
}

output "releases" {
  description = "Helm releases installed (name => chart version)."
  value = {
    (helm_release.external_secrets.name) = helm_release.external_secrets.version
    (helm_release.lbc.name)              = helm_release.lbc.version
    (helm_release.deployer_rbac.name)    = helm_release.deployer_rbac.version
    (helm_release.reloader.name)         = helm_release.reloader.version
  }
}

output "deployer_rbac" {
  description = "Release binding the deploy role's Kubernetes group in the app namespace to the ESO kinds AmazonEKSEditPolicy lacks: release name and namespace (its record), app namespace, group."
  value = {
    release       = helm_release.deployer_rbac.name
    namespace     = helm_release.deployer_rbac.namespace
    app_namespace = var.app_namespace
    group         = var.deployer_group
  }
}
