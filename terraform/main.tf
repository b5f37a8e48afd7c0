data "aws_availability_zones" "available" {
  #checkov:skip=CKV_AWS_394:Only the first two zone names are used (slice); a zone AWS adds later sorts after them, and availability_zones pins them explicitly when needed.
  state = "available"
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}

locals {
  azs          = coalesce(var.availability_zones, slice(data.aws_availability_zones.available.names, 0, 2))
  cluster_name = var.name

  # The provider's default_tags; also passed where they do not reach on their own (the launch
  # template's tag_specifications, which tag the nodes' instances and volumes).
  default_tags = merge(var.tags, {
    Project     = var.name
    Environment = var.environment
    ManagedBy   = "terraform"
    Repository  = var.github_repository
  })
}

module "network" {
  source = "./modules/network"

  name               = var.name
  cidr               = var.vpc_cidr
  azs                = local.azs
  single_nat_gateway = var.single_nat_gateway
  cluster_name       = local.cluster_name
  enable_flow_logs   = var.enable_flow_logs
}

module "eks" {
  source = "./modules/eks"

  cluster_name         = local.cluster_name
  kubernetes_version   = var.kubernetes_version
  vpc_id               = module.network.vpc_id
  private_subnet_ids   = module.network.private_subnet_ids
  public_access_cidrs  = var.cluster_endpoint_public_access_cidrs
  admin_principal_arns = var.cluster_admin_principal_arns
  node_instance_types  = [var.node_instance_type]
  node_min_size        = var.node_count
  node_max_size        = var.node_count
  node_desired_size    = var.node_count
  node_max_pods        = var.node_max_pods
  tags                 = local.default_tags
}

module "aurora" {
  source = "./modules/aurora"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.database_subnet_ids
  allowed_security_group_ids = [module.eks.cluster_security_group_id]
  engine_version             = var.aurora_engine_version
  instance_class             = var.aurora_instance_class
  database_name              = var.database_name
  backup_retention_days      = var.backup_retention_days
  deletion_protection        = var.deletion_protection
  skip_final_snapshot        = var.skip_final_snapshot
}

module "elasticache" {
  source = "./modules/elasticache"

  name                        = var.name
  vpc_id                      = module.network.vpc_id
  subnet_ids                  = module.network.database_subnet_ids
  allowed_security_group_ids  = [module.eks.cluster_security_group_id]
  node_type                   = var.redis_node_type
  auth_token_version          = var.redis_auth_token_version
  secret_recovery_window_days = var.secret_recovery_window_days
}

module "ecr" {
  source = "./modules/ecr"

  repository_name = var.name
  force_delete    = var.ecr_force_delete
}

module "addons" {
  source = "./modules/addons"

  cluster_name                   = module.eks.cluster_name
  vpc_id                         = module.network.vpc_id
  app_secret_arns                = [module.aurora.master_user_secret_arn, module.elasticache.auth_secret_arn]
  app_secret_kms_key_arns        = [module.aurora.kms_key_arn, module.elasticache.kms_key_arn]
  external_secrets_chart_version = var.external_secrets_chart_version
  lbc_chart_version              = var.lbc_chart_version
  reloader_chart_version         = var.reloader_chart_version
  app_namespace                  = var.app_namespace
  deployer_group                 = module.github_oidc.deploy_kubernetes_group

  # Helm needs nodes to schedule on and the admin access entry to authenticate.
  depends_on = [module.eks]
}

module "github_oidc" {
  source = "./modules/github-oidc"

  name                      = var.name
  github_repository         = var.github_repository
  create_oidc_provider      = var.create_github_oidc_provider
  ecr_repository_arn        = module.ecr.repository_arn
  ecr_kms_key_arn           = module.ecr.kms_key_arn
  cluster_name              = module.eks.cluster_name
  cluster_arn               = module.eks.cluster_arn
  deploy_namespace          = var.app_namespace
  state_bucket              = var.state_bucket
  state_kms_key_arn         = var.state_kms_key_arn
  plan_readable_secret_arns = [module.elasticache.auth_secret_arn]
  plan_kms_key_arns         = [module.elasticache.kms_key_arn]
}
