terraform {
  required_version = ">= 1.10"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100.0"
    }
  }
  # Local state on purpose: this configuration creates the bucket the main state lives in.
  # Keep its terraform.tfstate (it holds no secret) or re-import the bucket if lost.
}
