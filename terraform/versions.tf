terraform {
  # OpenTofu >= 1.10 or Terraform >= 1.10: ephemeral resources, write-only arguments and the
  # S3 backend's native lock file (use_lockfile) are all needed.
  required_version = ">= 1.10"

  required_providers {
    # 5.100.0 is the newest AWS provider this repo can build/verify offline (see README,
    # "Tools"); the code avoids arguments removed in 6.x, so moving to "~> 6.x" is a pin change.
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100.0"
    }
    # Only arguments common to helm provider 1.x and 2.x are used (the provider's
    # `kubernetes {}` block became an attribute in 3.x).
    helm = {
      source  = "hashicorp/helm"
      version = ">= 1.3.2, < 3.0.0"
    }
  }
}
