terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 7.0"
    }
    # Only `helm_release` arguments common to helm provider 1.x, 2.x and 3.x are used
    # (name/repository/chart/version/namespace/values), so any of them works.
    helm = {
      source  = "hashicorp/helm"
      version = ">= 1.3.2, < 4.0"
    }
  }
}
