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
