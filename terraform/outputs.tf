# No output carries a secret value: secrets are referenced by ARN/name only.

output "region" {
  description = "AWS region."
  value       = var.region
}

output "cluster_name" {
  description = "EKS cluster name."
  value       = module.eks.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.eks.cluster_endpoint
}

output "update_kubeconfig_command" {
  description = "Command that writes a kubeconfig entry for the cluster."
  value       = "aws eks update-kubeconfig --region ${var.region} --name ${module.eks.cluster_name}"
}

output "ecr_repository_url" {
  description = "ECR repository URL of the application image."
  value       = module.ecr.repository_url
}

output "postgres_host" {
  description = "Aurora writer endpoint (POSTGRES_HOST)."
  value       = module.aurora.writer_endpoint
}

output "postgres_port" {
  description = "PostgreSQL port (POSTGRES_PORT)."
  value       = module.aurora.port
}

output "postgres_db" {
  description = "Database name (POSTGRES_DB)."
  value       = module.aurora.database_name
}

output "postgres_secret_arn" {
  description = "RDS-managed secret with JSON keys username/password (POSTGRES_USER/POSTGRES_PASSWORD via ExternalSecret)."
  value       = module.aurora.master_user_secret_arn
}

output "redis_host" {
  description = "ElastiCache primary endpoint (REDIS_HOST); TLS required (REDIS_TLS=true)."
  value       = module.elasticache.primary_endpoint
}

output "redis_port" {
  description = "Redis port (REDIS_PORT)."
  value       = module.elasticache.port
}

output "redis_secret_arn" {
  description = "Secret with JSON key auth_token (REDIS_PASSWORD via ExternalSecret)."
  value       = module.elasticache.auth_secret_arn
}

output "redis_secret_name" {
  description = "Name of the Redis AUTH secret."
  value       = module.elasticache.auth_secret_name
}

output "github_deploy_role_arn" {
  description = "Role for the GitHub build/deploy workflow."
  value       = module.github_oidc.deploy_role_arn
}

output "github_plan_role_arn" {
  description = "Read-only role for the GitHub plan workflow."
  value       = module.github_oidc.plan_role_arn
}

output "external_secrets_role_arn" {
  description = "Pod Identity role of External Secrets Operator."
  value       = module.addons.external_secrets_role_arn
}

output "helm_values" {
  description = "Non-secret values for helm/users-api, in that chart's values layout (its values.schema.json): `tofu output -json helm_values > values-aws.json`, then `helm upgrade --install -f values-aws.json`."
  value = {
    image = {
      repository = module.ecr.repository_url
    }
    serviceAccount = {
      name = var.app_service_account
    }
    # rds.force_ssl = 1 refuses plain connections; verify-full also checks Aurora's certificate
    # against Amazon's RDS CA bundle, which release.yml adds as database.caBundle.
    database = {
      host    = module.aurora.writer_endpoint
      port    = module.aurora.port
      name    = module.aurora.database_name
      sslMode = "verify-full"
    }
    redis = {
      host = module.elasticache.primary_endpoint
      port = module.elasticache.port
      tls  = true # transit_encryption_mode = "required"
    }
    externalSecrets = {
      enabled = true
      secretStore = {
        region = var.region
      }
      database = {
        remoteRef = {
          key              = module.aurora.master_user_secret_arn
          usernameProperty = "username"
          passwordProperty = "password"
        }
      }
      redis = {
        remoteRef = {
          key      = module.elasticache.auth_secret_name
          property = "auth_token"
        }
      }
    }
    # Adds the secret.reloader.stakater.com/reload annotation: the Reloader that modules/addons
    # installs restarts the pods once ESO has written a rotated password into their Secret.
    reloader = {
      enabled = true
    }
    ingress = {
      className = "alb"
    }
    networkPolicy = {
      albCidrs = module.network.public_subnet_cidrs # the ALB's subnets only, not every pod of the VPC
      egress = {
        dataCidrs = module.network.database_subnet_cidrs
      }
    }
  }
}
