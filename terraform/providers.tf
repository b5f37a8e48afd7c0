provider "aws" {
  region = var.region

  default_tags {
    tags = local.default_tags
  }
}

# Talks to the cluster created in this same configuration. Credentials come from
# `aws eks get-token` at apply time (the applying principal must be in
# cluster_admin_principal_arns), so no token is stored in state.
provider "helm" {
  kubernetes {
    host                   = module.eks.cluster_endpoint
    cluster_ca_certificate = base64decode(module.eks.cluster_certificate_authority_data)
    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.eks.cluster_name, "--region", var.region]
    }
  }
}
