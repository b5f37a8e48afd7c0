output "oidc_provider_arn" {
  description = "ARN of the GitHub Actions OIDC provider."
  value       = local.provider_arn
}

output "deploy_role_arn" {
  description = "Role for the build/deploy workflow (aws-actions/configure-aws-credentials role-to-assume)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "Read-only role for the plan workflow."
  value       = aws_iam_role.plan.arn
}

output "deploy_kubernetes_group" {
  description = "Kubernetes group of the deploy role's access entry; bind it in the app namespace (addons module, deployer_group) to the RBAC the edit access policy lacks."
  value       = one(aws_eks_access_entry.ci["deploy"].kubernetes_groups)
}
